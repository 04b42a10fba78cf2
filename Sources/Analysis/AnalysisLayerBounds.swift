import LipschitzKit
import ONNXModel
import SpectralKit

/// The per-layer certificates the network bound multiplies, taken from the analysis's own figures: the
/// certified `asymptotic.upper` (every size) or, with `--size-specific`, `embedding.upper` (this size).
/// Never the Lanczos `exact` value, which is not a certificate.
///
/// For a conv with a BatchNormalization folded into it, the figure of the scaled kernel is computed here,
/// with the same SpectralKit routines as the layer's own figures and at the layer's own search effort
/// (`LayerAnalysis.effort`); a conv the pass composes (not a node) at the calculator's.
struct AnalysisLayerBounds: LinearLayerBounds {
    struct Key: Hashable, Sendable {
        var graph: String
        var nodeIndex: Int
    }

    /// A conv and the exact output-channel scale folded into it: one conv can be asked for with different
    /// scales (a folded BatchNormalization, an SLL layer's `√s`), and each has its own certificate.
    struct FoldKey: Hashable, Sendable {
        var conv: Key
        var scale: [Double]
    }

    private let figures: [Key: LayerFigures]
    /// Each analysed layer's search effort, for the convs folded with a scale.
    private let efforts: [Key: SearchEffort]
    private let sizeSpecific: Bool
    private let calculator: LayerFigureCalculator
    /// Bounds of BN-folded convs computed ahead of the network pass (in parallel), by conv and scale.
    private let folded: [FoldKey: Result<Double, LayerBoundUnavailable>]

    init(
        layers: [LayerAnalysis], sizeSpecific: Bool, calculator: LayerFigureCalculator,
        folded: [FoldKey: Result<Double, LayerBoundUnavailable>] = [:]
    ) {
        var figures: [Key: LayerFigures] = [:]
        var efforts: [Key: SearchEffort] = [:]
        for layer in layers {
            let key = Key(graph: layer.graph, nodeIndex: layer.nodeIndex)
            figures[key] = layer.figures
            efforts[key] = layer.effort
        }
        self.figures = figures
        self.efforts = efforts
        self.sizeSpecific = sizeSpecific
        self.calculator = calculator
        self.folded = folded
    }

    /// The same certificates with the folded-conv bounds of `requests` computed up front, layers in parallel
    /// (the network pass itself asks for them one at a time).
    func precomputingFolded(_ requests: [FoldRequest]) -> AnalysisLayerBounds {
        let results = ParallelWork.map(requests, workers: calculator.workers) { request in
            Result { () throws(LayerBoundUnavailable) -> Double in
                try computeFolded(conv: request.conv, scale: request.scale)
            }
        }
        var folded = self.folded
        for (request, result) in zip(requests, results) {
            folded[FoldKey(conv: Key(graph: request.conv.graph, nodeIndex: request.conv.nodeIndex), scale: request.scale)] = result
        }
        return AnalysisLayerBounds(
            figures: figures, efforts: efforts, sizeSpecific: sizeSpecific, calculator: calculator, folded: folded)
    }

    private init(
        figures: [Key: LayerFigures], efforts: [Key: SearchEffort], sizeSpecific: Bool,
        calculator: LayerFigureCalculator, folded: [FoldKey: Result<Double, LayerBoundUnavailable>]
    ) {
        self.figures = figures
        self.efforts = efforts
        self.sizeSpecific = sizeSpecific
        self.calculator = calculator
        self.folded = folded
    }

    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        guard let scale = outputChannelScale else {
            return try stored(graph: conv.graph, nodeIndex: conv.nodeIndex, name: conv.name)
        }
        if let result = folded[FoldKey(conv: Key(graph: conv.graph, nodeIndex: conv.nodeIndex), scale: scale)] {
            return try result.get()
        }
        return try computeFolded(conv: conv, scale: scale)
    }

    /// The certificate of a dense matrix the network pass formed (an SLL layer's `A·S^{1/2}`), computed like a
    /// dense layer's own `asymptotic.upper`.
    func upperBound(composedDense dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        let f = calculator.denseFigures(dense)
        guard let upper = f.asymptotic.value?.upper else {
            throw LayerBoundUnavailable(f.asymptotic.reason ?? "no bound for '\(dense.name)'")
        }
        return upper
    }

    /// The certificate of a conv the network pass composed from a linear segment (not a node of the model).
    func upperBound(composedConv conv: ConvLayer) throws(LayerBoundUnavailable) -> Double {
        try computeFolded(conv: conv, scale: nil)
    }

    /// The certificate of `conv` with its output channels scaled by `scale` (a folded BatchNormalization).
    private func computeFolded(conv: ConvLayer, scale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        let mapping: ConvOperatorMapping
        do {
            mapping = try ConvOperatorMapping(layer: conv, limits: calculator.options.limits)
        } catch {
            throw LayerBoundUnavailable("'\(conv.name)': \(error.reason)")
        }
        guard let scaled = scale.map({ mapping.scalingOutputChannels(by: $0, transposed: conv.op == .convTranspose) })
            ?? mapping
        else {
            throw LayerBoundUnavailable("folded scale has \(scale?.count ?? 0) entries for '\(conv.name)'")
        }
        if sizeSpecific {
            var f = LayerFigures()
            calculator.sizeDependentFigures(scaled, into: &f)
            guard let upper = f.embedding.value?.upper else {
                throw LayerBoundUnavailable(f.embedding.reason ?? "no embedding bound for '\(conv.name)'")
            }
            return upper
        }
        var calculator = self.calculator
        if let effort = efforts[Key(graph: conv.graph, nodeIndex: conv.nodeIndex)] { calculator.options.searchEffort = effort }
        guard let upper = calculator.sizeIndependentFigures(scaled.spec).asymptotic.value?.upper else {
            throw LayerBoundUnavailable("no asymptotic bound for '\(conv.name)'")
        }
        return upper
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        guard let f = figures[Key(graph: dense.graph, nodeIndex: dense.nodeIndex)] else {
            throw LayerBoundUnavailable("layer '\(dense.name)' was not analysed")
        }
        // A dense layer's certificate does not depend on the input size.
        guard let upper = f.asymptotic.value?.upper else {
            throw LayerBoundUnavailable(f.asymptotic.reason ?? f.denseNorm.reason ?? "no bound for '\(dense.name)'")
        }
        return upper
    }

    /// The circulant spectrum's maximum of `conv` on the `input` torus (spectral-methods §7.2), computed in
    /// full with the same SpectralKit routine as the layer's `circulant` figure; exact for the wrap-padded
    /// layer, inflated by a relative 1e-9 for the rounding of the FFT and the small SVDs.
    func upperBound(circularConv conv: ConvLayer, input: [Int]) throws(LayerBoundUnavailable) -> CircularConvFigure {
        guard input.count == 2 else { throw LayerBoundUnavailable("'\(conv.name)': circular input is not 2-D") }
        let mapping: ConvOperatorMapping
        do {
            mapping = try ConvOperatorMapping(layer: conv, limits: calculator.options.limits)
        } catch {
            throw LayerBoundUnavailable("'\(conv.name)': \(error.reason)")
        }
        let limits = calculator.options.limits
        if let reason = limits.kernelRefusal(mapping.spec) ?? limits.operatorRefusal(mapping.spec, input: Size2D(input[0], input[1])) {
            throw LayerBoundUnavailable("'\(conv.name)': \(reason)")
        }
        do {
            let figure = try mapping.spec.circulantSpectrum(
                input: Size2D(input[0], input[1]), plans: calculator.plans, threads: ThreadBudget(threads: 1))
            return CircularConvFigure(upper: (figure.max * (1 + 1e-9)).nextUp, exact: true)
        } catch {
            throw LayerBoundUnavailable("'\(conv.name)': \(error.description)")
        }
    }

    private func stored(graph: String, nodeIndex: Int, name: String) throws(LayerBoundUnavailable) -> Double {
        guard let f = figures[Key(graph: graph, nodeIndex: nodeIndex)] else {
            throw LayerBoundUnavailable("layer '\(name)' was not analysed")
        }
        let (key, figure) = sizeSpecific
            ? ("embedding", f.embedding.map(\.upper)) : ("asymptotic", f.asymptotic.map(\.upper))
        switch figure {
        case .notRequested: throw LayerBoundUnavailable("no \(key) figure for '\(name)'")
        case .unavailable(let reason): throw LayerBoundUnavailable(reason)
        case .computed(let upper): return upper
        }
    }
}
