import ONNXModel
import SpectralKit

/// The checks of `AnalysisLimits`: each returns why a computation is over a cap (the figure's `reason`), or
/// `nil` when it may run. Every size is computed with overflow checks; an overflow counts as over the cap.
extension AnalysisLimits {
    /// Whether a weight of `shape` may be decoded.
    func weightRefusal(shape: [Int]) -> String? {
        guard let count = CheckedArithmetic.product(shape) else {
            return "weight shape \(ShapeText.list(shape)) overflows an element count"
        }
        guard count <= maxTensorElements else {
            return "weight has \(count) elements, more than the \(maxTensorElements) allowed (--max-tensor-elements)"
        }
        return nil
    }

    /// Whether the size-independent figures of `spec` may be computed: the kernel they work on fits
    /// `maxKernelElements` and one symbol evaluation fits `maxLayerWork`.
    func kernelRefusal(_ spec: ConvolutionSpec) -> String? {
        let s = spec.stride, d = spec.dilation, k = spec.kernel
        guard let kh = CheckedArithmetic.product(k.h - 1, d.h).flatMap({ CheckedArithmetic.sum($0, 1) }),
            let kw = CheckedArithmetic.product(k.w - 1, d.w).flatMap({ CheckedArithmetic.sum($0, 1) })
        else { return "dilated kernel size overflows" }
        let strided = s != Size2D(1, 1)
        // Stride 1: the undilated weight; otherwise the polyphase kernel (SpectralKit's canonicalKernel).
        let taps = strided ? [CheckedArithmetic.ceilDiv(kh, s.h), CheckedArithmetic.ceilDiv(kw, s.w)] : [k.h, k.w]
        let phases = strided ? [s.h, s.w] : [1, 1]
        guard let channelsIn = CheckedArithmetic.product([spec.inChannelsPerGroup] + phases),
            let elements = CheckedArithmetic.product([spec.outChannels, channelsIn] + taps)
        else { return "the kernel of stride \(s) and dilation \(d) overflows an element count" }
        guard elements <= maxKernelElements else {
            return "the kernel the size-independent figures use has \(elements) elements (stride \(s), dilation \(d)), "
                + "more than the \(maxKernelElements) allowed (--max-kernel-elements)"
        }
        let perGroup = spec.outChannelsPerGroup
        guard let work = CheckedArithmetic.product(spec.groups, perGroup, channelsIn, min(perGroup, channelsIn)),
            work <= maxLayerWork
        else {
            return "one evaluation of the layer's symbol takes more than \(maxLayerWork) multiply-adds "
                + "(--max-layer-work)"
        }
        return nil
    }

    /// Whether the size-dependent figures of `spec` at `input` may be computed: the input, padded input,
    /// output and embedding grid fit `maxOperatorElements`, and one application fits `maxLayerWork`.
    func operatorRefusal(_ spec: ConvolutionSpec, input: Size2D) -> String? {
        func axis(_ n: Int, _ before: Int, _ after: Int, _ k: Int, _ d: Int, _ s: Int) -> (padded: Int, grid: Int, out: Int)? {
            guard let padded = CheckedArithmetic.sum(n, before, after),
                let ke = CheckedArithmetic.product(k - 1, d).flatMap({ CheckedArithmetic.sum($0, 1) }),
                // The embedding's circulant grid holds the padded input plus a kernel's reach, in whole strides.
                let reach = CheckedArithmetic.sum(padded, ke, s),
                let grid = CheckedArithmetic.product(CheckedArithmetic.ceilDiv(reach, s), s)
            else { return nil }
            return (padded, grid, padded >= ke ? (padded - ke) / s + 1 : 0)
        }
        let overflow = "input size \(input) with pads and kernel overflows"
        guard let h = axis(input.h, spec.pads.top, spec.pads.bottom, spec.kernel.h, spec.dilation.h, spec.stride.h),
            let w = axis(input.w, spec.pads.left, spec.pads.right, spec.kernel.w, spec.dilation.w, spec.stride.w)
        else { return overflow }
        let vectors: [(String, Int?)] = [
            ("input", CheckedArithmetic.product(spec.inChannels, input.h, input.w)),
            ("padded input", CheckedArithmetic.product(spec.inChannels, h.padded, w.padded)),
            ("output", CheckedArithmetic.product(spec.outChannels, h.out, w.out)),
            ("embedding grid", CheckedArithmetic.product(spec.inChannels, h.grid, w.grid)),
        ]
        for (what, size) in vectors {
            guard let size else { return overflow }
            guard size <= maxOperatorElements else {
                return "the \(what) at input size \(input) has \(size) elements, more than the \(maxOperatorElements) "
                    + "allowed (--max-operator-elements)"
            }
        }
        guard let weights = CheckedArithmetic.product(spec.outChannels, spec.inChannelsPerGroup, spec.kernel.h, spec.kernel.w),
            let work = CheckedArithmetic.product(weights, max(h.out, 1), max(w.out, 1), max(h.out, w.out, 1)),
            work <= maxLayerWork
        else {
            return "the size-dependent figures at input size \(input) would take more than \(maxLayerWork) units of "
                + "work (--max-layer-work)"
        }
        return nil
    }
}

extension AnalysisLimits {
    /// The largest weight magnitude the numerics accept. Squares of the weights and of their Gram matrices
    /// must stay far from `Double.greatestFiniteMagnitude` (LAPACK refuses non-finite input); 10¹⁰⁰ leaves
    /// room for any realistic fan-in.
    public static let maxWeightMagnitude = 1e100

    /// Why finite `weights` are too large for the numerics, or `nil`.
    static func magnitudeRefusal(_ weights: [Double]) -> String? {
        magnitudeRefusal(largest: largestMagnitude(weights).largest)
    }

    /// Why `weights` cannot be analysed — a NaN or ±Inf, or a magnitude too large for the numerics — or
    /// `nil`: the checks every layer's weights go through before LAPACK sees them, in one pass.
    static func valueRefusal(_ weights: [Double]) -> String? {
        let scan = largestMagnitude(weights)
        // NaN or ±Inf would make LAPACK fail; the lint rule `non-finite-weights` reports them.
        guard scan.finite else { return "weights contain NaN or ±Inf" }
        return magnitudeRefusal(largest: scan.largest)
    }

    private static func magnitudeRefusal(largest: Double) -> String? {
        guard largest <= maxWeightMagnitude else {
            return "a weight of magnitude \(largest) exceeds \(maxWeightMagnitude), beyond what the numerics handle"
        }
        return nil
    }

    /// `max |x|` over `values` (0 when empty) and whether every value is finite; `largest` is meaningful
    /// only when they are. Four independent lanes (the maximum of magnitudes does not depend on the order).
    static func largestMagnitude(_ values: [Double]) -> (largest: Double, finite: Bool) {
        values.withUnsafeBufferPointer { v in
            let n = v.count
            var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0
            // `x·0` is 0 for a finite `x` and NaN for ±Inf or NaN: a probe is NaN exactly when one was seen.
            var p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0
            var i = 0
            while i + 4 <= n {
                let (x0, x1, x2, x3) = (v[i], v[i + 1], v[i + 2], v[i + 3])
                let (a0, a1, a2, a3) = (abs(x0), abs(x1), abs(x2), abs(x3))
                m0 = a0 > m0 ? a0 : m0
                m1 = a1 > m1 ? a1 : m1
                m2 = a2 > m2 ? a2 : m2
                m3 = a3 > m3 ? a3 : m3
                p0 += x0 * 0
                p1 += x1 * 0
                p2 += x2 * 0
                p3 += x3 * 0
                i += 4
            }
            while i < n {
                let a = abs(v[i])
                m0 = a > m0 ? a : m0
                p0 += v[i] * 0
                i += 1
            }
            return (max(max(m0, m1), max(m2, m3)), !(p0 + p1 + p2 + p3).isNaN)
        }
    }
}
