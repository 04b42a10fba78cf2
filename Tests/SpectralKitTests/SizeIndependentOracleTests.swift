import Foundation
import SpectralKit
import Testing
import TestSupport

/// Independent oracles for the size-independent figures, written without any SpectralKit numerics except
/// `DenseSVD`: the explicit matrix of a zero-padded, strided, dilated, grouped convolution (ONNX `Conv`
/// semantics), and the symbol of the *original* kernel through the aliasing form of docs §1.
enum Oracle {
    /// A random layer with standard normal weights scaled by `1/√(cin/g·kh·kw)`.
    static func randomSpec(
        seed: UInt64, out: Int, inPerGroup: Int, kernel: Size2D, stride: Size2D = Size2D(1, 1),
        dilation: Size2D = Size2D(1, 1), groups: Int = 1, pads: Padding = .zero
    ) -> ConvolutionSpec {
        var rng = SeededGenerator(seed: seed)
        let count = out * inPerGroup * kernel.h * kernel.w
        let scale = 1 / Double(inPerGroup * kernel.h * kernel.w).squareRoot()
        return ConvolutionSpec(
            weight: rng.normals(count).map { $0 * scale }, outChannels: out, inChannelsPerGroup: inPerGroup,
            kernel: kernel, stride: stride, dilation: dilation, pads: pads, groups: groups)
    }

    /// The explicit matrix of `spec` on an input of size `input` (row-major, rows = `cout·m1·m2`).
    static func operatorMatrix(_ spec: ConvolutionSpec, input: Size2D) -> (matrix: [Double], rows: Int, cols: Int)? {
        guard let out = spec.outputSize(forInput: input) else { return nil }
        let (co, cig, g) = (spec.outChannels, spec.inChannelsPerGroup, spec.groups)
        let cog = co / g
        let rows = co * out.h * out.w, cols = spec.inChannels * input.h * input.w
        var m = [Double](repeating: 0, count: rows * cols)
        for o in 0..<co {
            let group = o / cog
            for y1 in 0..<out.h {
                for y2 in 0..<out.w {
                    let row = (o * out.h + y1) * out.w + y2
                    for il in 0..<cig {
                        let i = group * cig + il
                        for a in 0..<spec.kernel.h {
                            let r = y1 * spec.stride.h + a * spec.dilation.h - spec.pads.top
                            guard r >= 0 && r < input.h else { continue }
                            for b in 0..<spec.kernel.w {
                                let c = y2 * spec.stride.w + b * spec.dilation.w - spec.pads.left
                                guard c >= 0 && c < input.w else { continue }
                                let w = spec.weight[((o * cig + il) * spec.kernel.h + a) * spec.kernel.w + b]
                                m[row * cols + (i * input.h + r) * input.w + c] += w
                            }
                        }
                    }
                }
            }
        }
        return (m, rows, cols)
    }

    /// `‖T_n‖₂` by a dense SVD of the explicit matrix.
    static func denseNorm(_ spec: ConvolutionSpec, input: Size2D) -> Double? {
        guard let (m, r, c) = operatorMatrix(spec, input: input) else { return nil }
        return DenseSVD.singularValues(real: m, rows: r, cols: c)[0]
    }

    /// `max_g ‖F_s(ω)‖₂` through the aliasing form `F_s(ω) = (1/√(s1 s2))·[F_d((ω + 2πm)/s)]_m` on the original
    /// dilated kernel of each group, by a direct trigonometric sum and `DenseSVD` per point.
    static func symbolNorm(_ spec: ConvolutionSpec, at w: (Double, Double)) -> Double {
        let (s1, s2) = (spec.stride.h, spec.stride.w)
        let (cog, cig) = (spec.outChannelsPerGroup, spec.inChannelsPerGroup)
        let cols = cig * s1 * s2
        var best = 0.0
        for g in 0..<spec.groups {
            var m = [Double](repeating: 0, count: 2 * cog * cols)
            for m1 in 0..<s1 {
                for m2 in 0..<s2 {
                    let v1 = (w.0 + 2 * Double.pi * Double(m1)) / Double(s1)
                    let v2 = (w.1 + 2 * Double.pi * Double(m2)) / Double(s2)
                    for o in 0..<cog {
                        for i in 0..<cig {
                            var (re, im) = (0.0, 0.0)
                            for a in 0..<spec.kernel.h {
                                for b in 0..<spec.kernel.w {
                                    let k = spec.weight[(((g * cog + o) * cig + i) * spec.kernel.h + a) * spec.kernel.w + b]
                                    let theta = Double(a * spec.dilation.h) * v1 + Double(b * spec.dilation.w) * v2
                                    re += k * cos(theta)
                                    im -= k * sin(theta)
                                }
                            }
                            let col = (m1 * s2 + m2) * cig + i
                            m[2 * (o * cols + col)] = re / Double(s1 * s2).squareRoot()
                            m[2 * (o * cols + col) + 1] = im / Double(s1 * s2).squareRoot()
                        }
                    }
                }
            }
            best = max(best, DenseSVD.singularValues(complex: m, rows: cog, cols: cols)[0])
        }
        return best
    }

    /// The maximum of `symbolNorm` over the `n × n` grid `2π·(j + ½)/n` (shifted so it shares no point with
    /// the branch and bound's dyadic grids).
    static func bruteForceMaximum(_ spec: ConvolutionSpec, n: Int) -> Double {
        var best = 0.0
        for u in 0..<n {
            for v in 0..<n {
                let w = (2 * Double.pi * (Double(u) + 0.5) / Double(n), 2 * Double.pi * (Double(v) + 0.5) / Double(n))
                best = max(best, symbolNorm(spec, at: w))
            }
        }
        return best
    }

    static var heavy: Bool { ProcessInfo.processInfo.environment["LIPLINT_HEAVY_TESTS"] == "1" }
}

@Suite struct SizeIndependentOracleTests {
    @Test func identityKernelHasUnitNorm() {
        let spec = ConvolutionSpec(weight: [0, 0, 0, 0, 1, 0, 0, 0, 0], outChannels: 1, inChannelsPerGroup: 1,
                                   kernel: Size2D(3, 3), pads: Padding(top: 1, left: 1, bottom: 1, right: 1))
        #expect(abs(Oracle.denseNorm(spec, input: Size2D(5, 4))! - 1) < 1e-12)
        #expect(abs(Oracle.symbolNorm(spec, at: (0.3, 1.1)) - 1) < 1e-12)
    }

    @Test func averagePoolStrideTwoHasNormOneHalf() {
        let spec = ConvolutionSpec(weight: [0.25, 0.25, 0.25, 0.25], outChannels: 1, inChannelsPerGroup: 1,
                                   kernel: Size2D(2, 2), stride: Size2D(2, 2))
        #expect(abs(Oracle.denseNorm(spec, input: Size2D(6, 6))! - 0.5) < 1e-12)
        #expect(abs(Oracle.symbolNorm(spec, at: (0, 0)) - 0.5) < 1e-12)
    }
}
