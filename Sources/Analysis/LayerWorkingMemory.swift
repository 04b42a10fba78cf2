import ONNXModel
import SpectralKit

/// An estimate, in bytes, of the memory one layer's figures take while they are computed, from the layer's
/// geometry alone (nothing is decoded). Used only for scheduling: layers analysed at once must fit
/// `budget(fileSize:)` together (`BudgetedQueue`), so that peak memory follows the model's size instead of
/// the number of cores. Not a bound: it follows the large buffers of SpectralKit (weights, the symbol's
/// tap tables and their derivatives, the kernel spectrum on the FFT grid, the Lanczos basis) and ignores
/// small ones.
struct LayerWorkingMemory {
    var bounds: BoundsSelection
    /// Whether any size-dependent figure is computed (`check` may ask `standard` bounds for none of them).
    var sizeDependent: Bool
    /// The search effort of the size-independent figures: the `asymptotic` search builds the tap tables of
    /// the symbol's second derivatives only when its budget can use them, which the `fast` one cannot on the
    /// large layers that dominate this estimate.
    var effort: SearchEffort

    /// Whether every singular value of the circulant symbol is kept (`--singular-values`, `--bounds all`), so
    /// that the whole kernel spectrum is held at once.
    var fullSpectrum: Bool

    /// `sizeDependent` defaults to what `bounds` includes, `effort` to what `bounds` implies, `fullSpectrum`
    /// to `--bounds all`.
    init(bounds: BoundsSelection, sizeDependent: Bool? = nil, effort: SearchEffort? = nil, fullSpectrum: Bool? = nil) {
        self.bounds = bounds
        self.sizeDependent = sizeDependent ?? bounds.includesSizeDependent
        self.effort = effort ?? (bounds == .fast ? .fast : .standard)
        self.fullSpectrum = fullSpectrum ?? bounds.includesApproximation
    }

    /// The estimate for the figures `options` computes.
    init(options: AnalysisOptions) {
        self.init(
            bounds: options.bounds, sizeDependent: SizeDependentFigure.allCases.contains(where: options.computes),
            effort: options.effectiveSearchEffort,
            fullSpectrum: options.singularValues || options.bounds.includesApproximation)
    }

    /// Bytes every analysis keeps besides the layers' working sets (the executable, libraries, the model's
    /// graph, results), which the scheduling budget leaves out.
    static let baseBytes = 50 << 20

    /// What the estimates may miss (small buffers, allocator slack), also left out of the budget.
    static let marginBytes = 50 << 20

    /// The working memory layers analysed at once may take together: `2 × fileSize + 150 MB` (the memory
    /// target of docs/benchmarks.md) less `baseBytes` and `marginBytes`. The model's weights are not in
    /// memory (`ModelLoader` leaves them in the file), so the budget is all for the layers' working sets.
    static func budget(fileSize: Int) -> Int {
        clamped(product([2, fileSize]) + (150 << 20) - baseBytes - marginBytes)
    }

    /// The estimate for `layer`.
    func bytes(_ layer: LayerAnalysis.Layer) -> Int {
        guard bounds != .none else { return 0 }
        switch layer {
        case .conv(let conv): return convBytes(conv)
        case .dense(let dense):
            // The decoded weight, its copy for LAPACK and the SVD's workspace.
            return Self.product([24] + dense.weightShape)
        }
    }

    private func convBytes(_ layer: ConvLayer) -> Int {
        let shape = layer.weightShape
        guard shape.count >= 3, shape.allSatisfy({ $0 > 0 }), layer.kernel.count == 2, layer.stride.count == 2,
            layer.dilation.count == 2, layer.pads.count == 4, layer.group > 0,
            (layer.kernel + layer.stride + layer.dilation).allSatisfy({ $0 > 0 && $0 < 1 << 20 })
        else { return 0 }
        let p = Self.product
        let weights = p(shape)
        let (sh, sw) = (layer.stride[0], layer.stride[1])
        let strided = sh > 1 || sw > 1
        let kh = (layer.kernel[0] - 1) * layer.dilation[0] + 1
        let kw = (layer.kernel[1] - 1) * layer.dilation[1] + 1
        // The kernel the size-independent figures use: the polyphase kernel when strided, without the phases
        // no tap lands on (`CompactKernel` drops them: 3 of 4 for a 1×1 stride-2 conv), which then exists in
        // full only while it is compacted.
        let taps = strided ? ((kh + sh - 1) / sh) * ((kw + sw - 1) / sw) : layer.kernel[0] * layer.kernel[1]
        let usedPhases = Self.phases(layer.kernel[0], layer.dilation[0], sh) * Self.phases(layer.kernel[1], layer.dilation[1], sw)
        let channels = p([shape[0], shape[1], usedPhases])  // cout × cin/g × phases holding taps
        let kernel = p([channels, taps])
        let polyphase = usedPhases < sh * sw ? p([8, shape[0], shape[1], sh, sw, taps]) : 0
        // The decoded weights; the compacted kernel and, for kernels wider than 1×1, the symbol's tap table
        // (complex) and, when the `asymptotic` search's budget pays for them (`buildsDerivativeTables`), those
        // of its two second derivatives with their weighted kernels (8 kernel-sized arrays in all, 4 without
        // them); for a 1×1 kernel its copy, reshapes and SVD workspace (4).
        let derivatives = taps > 1 && Self.buildsDerivativeTables(
            layer, outChannels: shape[0] / layer.group, inChannels: shape[1] * usedPhases, strided: strided,
            work: effort.tuning.asymptoticWork)
        let kernelArrays = derivatives ? 64 : 32
        // The kernel norms keep every tap's `c_out × c_out` Gram matrix per group until `R3` is summed from
        // them when `1 < c_out ≤ c_in` (SpectralKit's `KernelNorms`; 19 MB on a 512-channel 3×3 layer).
        let (groupOut, groupIn) = (shape[0] / layer.group, shape[1] * usedPhases)
        let tapGrams = taps > 1 && groupOut > 1 && groupOut <= groupIn ? p([8, layer.group, taps, groupOut, groupOut]) : 0
        // The size-independent figures' buffers are freed before the size-dependent ones are allocated
        // (`LayerFigureCalculator.convFigures` computes them one after the other): the layer holds its decoded
        // weights and the larger of the two working sets.
        let independent = polyphase + p([kernelArrays, kernel]) + tapGrams + (16 << 20)
        var bytes = p([8, weights]) + independent
        guard sizeDependent, let input = operatorInput(layer) else { return Self.clamped(bytes) }
        // The kernel spectrum on the embedding grid (one group at a time), complex; the grid is at most
        // ⌈(n + pads)/s⌉ + ⌈k_eff/s⌉ − 1 per axis (SpectralKit's EmbeddingGrid).
        let pads = layer.pads.map { min(max($0, 0), 1 << 20) }
        let gridH = (input.0 + pads[0] + pads[2] + sh - 1) / sh + (kh + sh - 1) / sh - 1
        let gridW = (input.1 + pads[1] + pads[3] + sw - 1) / sw + (kw + sw - 1) / sw - 1
        // Only every singular value (`--singular-values`, `--bounds all`) needs the whole spectrum; the extremes
        // `embedding` and `circulant` report are taken a few frequency columns at a time (SpectralKit's
        // `SymbolSampler`: at most 32 MB of spectrum and about as much transform scratch).
        let whole = taps > 1 ? p([16, gridH, gridW / 2 + 1, channels / layer.group]) : 0
        let spectrum = fullSpectrum ? whole : min(whole, 64 << 20)
        // One group's polyphase kernel with every phase (SpectralKit's `polyphaseKernel(group:)`), and one
        // frequency's matrix with its Gram matrix and SVD workspace (`ExtremeScreen`); for a 1×1 kernel the
        // constant symbol without its zero columns and LAPACK's copy of it (`ConstantSymbolValues`).
        let symbolKernel = p([8, shape[0] / layer.group, shape[1], sh, sw, taps])
        let perFrequency = taps > 1
            ? p([48, shape[0] / layer.group, shape[1], sh, sw]) : p([16, shape[0] / layer.group, shape[1], usedPhases])
        // The Lanczos basis: 56 vectors of the smaller side plus one of the larger (SpectralKit's defaults),
        // and the operator's two copies of the weights; none for a 1×1 kernel, whose `exact` figure is the SVD
        // of its weight matrix (smaller than the constant symbol's).
        let inputs = p([shape[1], layer.group, input.0, input.1])
        let outputs = p([shape[0], max(1, input.0 / sh), max(1, input.1 / sw)])
        let pointwise = layer.kernel[0] == 1 && layer.kernel[1] == 1
        let lanczos = pointwise
            ? 0 : min(128 << 20, p([8, 56, min(inputs, outputs)]) + p([8, max(inputs, outputs)])) + p([16, weights])
        let dependent = max(symbolKernel + spectrum + perFrequency, lanczos) + (16 << 20)
        bytes = p([8, weights]) + max(independent, dependent)
        return Self.clamped(bytes)
    }

    /// An estimate, in bytes, of what each thread beyond the first adds while the layer's figures run on
    /// several: the larger of the buffers of the points it evaluates in the `asymptotic` search (the symbol
    /// values of up to 8 MB of points, at least one, and the eigensolver's Gram matrix) and, when the
    /// size-dependent figures are computed, one frequency's matrices for `embedding` and `circulant` — the
    /// largest of the per-thread buffers (a tap matrix and its Gram matrix for the kernel norms are smaller;
    /// Lanczos needs none). 0 for a dense layer or without figures.
    func perThreadBytes(_ layer: LayerAnalysis.Layer) -> Int {
        guard bounds != .none, case .conv(let conv) = layer else { return 0 }
        let shape = conv.weightShape
        guard shape.count >= 3, shape.allSatisfy({ $0 > 0 }), conv.group > 0, Self.usableGeometry(conv) else { return 0 }
        let p = Self.product
        let phases = Self.phases(conv.kernel[0], conv.dilation[0], conv.stride[0])
            * Self.phases(conv.kernel[1], conv.dilation[1], conv.stride[1])
        let rows = shape[0] / conv.group, cols = p([shape[1], phases])
        let n = min(rows, cols)
        // Complex symbol values of one point (at least 8 MB of points are batched), the Gram matrix and slack.
        let values = max(p([16, conv.group, rows, cols]), 8 << 20)
        let asymptotic = values + p([16, n, n]) + (1 << 20)
        guard sizeDependent, conv.kernel.count == 2, conv.kernel[0] * conv.kernel[1] > 1 else { return Self.clamped(asymptotic) }
        // `embedding` and `circulant`: one frequency's matrix (every polyphase phase), its Gram matrix and the
        // SVD workspace per thread (`ExtremeScreen`).
        let screen = p([48, rows, shape[1], conv.stride[0], conv.stride[1]]) + (1 << 20)
        return Self.clamped(max(asymptotic, screen))
    }

    /// Whether the `asymptotic` search builds the tap tables of the symbol's second derivatives for `layer`:
    /// it does when its refinement budget `work` (flops) is at least 8 times the work of its initial grid
    /// (SpectralKit's `AsymptoticSearch`: the grid of `max(2, t₁) × max(4, 2·t₂)` cells, points equal by
    /// symmetry counted once, each point costing `SpectralDensity.workPerPoint`). Mirrors that rule from the
    /// geometry (tap counts of the polyphase kernel, channels per group including the used phases); at the
    /// standard budget the 512-channel 3×3 layers do not build them, the 256-channel ones do.
    static func buildsDerivativeTables(
        _ layer: ConvLayer, outChannels: Int, inChannels: Int, strided: Bool, work: Double
    ) -> Bool {
        func taps(_ a: Int) -> Int {
            let k = layer.kernel[a], s = layer.stride[a]
            return strided ? (((k - 1) * layer.dilation[a] + 1) + s - 1) / s : k
        }
        let (t1, t2) = (taps(0), taps(1))
        let perPoint = SpectralDensity.workPerPoint(
            blocks: layer.group, outChannels: outChannels, inChannels: inChannels, taps: t1 * t2)
        return work >= 8 * perPoint * Double(initialGridPoints(t1, t2))
    }

    /// The distinct points of the `asymptotic` search's initial grid for a polyphase kernel of `t1 × t2` taps
    /// (an axis with one tap is not searched; with both searched, `ω₂ ↔ −ω₂` on `ω₁ ∈ {0, π}` and `ω₂ = ±π`
    /// count once).
    static func initialGridPoints(_ t1: Int, _ t2: Int) -> Int {
        let searched = (t1 > 1, t2 > 1)
        let c1 = searched.0 ? max(2, t1) : 0
        let c2 = searched.1 ? (searched.0 ? max(4, 2 * t2) : max(2, t2)) : 0
        guard searched.0 && searched.1 else { return (c1 + 1) * (c2 + 1) }
        var keys = Set<[Int]>()
        for i in 0...c1 {
            for j in 0...c2 {
                var jj = j
                if i == 0 || i == c1 { jj = max(jj, c2 - jj) }
                if jj == 0 { jj = c2 }
                keys.insert([i, jj])
            }
        }
        return keys.count
    }

    /// Whether kernel, stride and dilation are 2-D with every entry in `1..<2²⁰` (so products of them stay
    /// finite).
    static func usableGeometry(_ layer: ConvLayer) -> Bool {
        layer.kernel.count == 2 && layer.stride.count == 2 && layer.dilation.count == 2
            && (layer.kernel + layer.stride + layer.dilation).allSatisfy({ $0 > 0 && $0 < 1 << 20 })
    }

    /// The polyphase channels per input channel along one axis that hold a tap: the distinct `a·d mod s`
    /// over the kernel's taps `a`.
    static func phases(_ k: Int, _ d: Int, _ s: Int) -> Int {
        guard s > 1 else { return 1 }
        return Set((0..<min(max(k, 1), s)).map { ($0 * max(d, 1)) % s }).count
    }

    /// The spatial size the conv's operator acts on (the output for a ConvTranspose), when known.
    private func operatorInput(_ layer: ConvLayer) -> (Int, Int)? {
        let size = layer.op == .convTranspose ? layer.outputSize : layer.inputSize
        guard let size, size.count == 2, size[0] > 0, size[1] > 0, layer.pads.count == 4 else { return nil }
        return (size[0], size[1])
    }

    /// The product of `factors` (each at least 0), or a sixteenth of `Int.max` when it is larger, so that the
    /// few sums above stay finite.
    private static func product(_ factors: [Int]) -> Int {
        var result = 1
        for f in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: max(0, f))
            guard !overflow, next <= Int.max / 16 else { return Int.max / 16 }
            result = next
        }
        return result
    }

    private static func clamped(_ bytes: Int) -> Int { min(max(bytes, 0), Int.max / 16) }
}
