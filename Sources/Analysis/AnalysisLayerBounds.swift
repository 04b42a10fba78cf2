import LipschitzKit
import ONNXModel
import SpectralKit

/// The per-layer certificates the network bound multiplies, taken from the analysis's own figures: the
/// certified `asymptotic.upper` (every size) or, with `--size-specific`, `embedding.upper` (this size).
/// Never the Lanczos `exact` value, which is not a certificate.
///
/// For a conv with a BatchNormalization folded into it, the figure of the scaled kernel is computed here,
/// with the same SpectralKit routines as the layer's own figures.
struct AnalysisLayerBounds: LinearLayerBounds {
    private struct Key: Hashable {
        var graph: String
        var nodeIndex: Int
    }

    private let figures: [Key: LayerFigures]
    private let sizeSpecific: Bool
    private let calculator: LayerFigureCalculator

    init(layers: [LayerAnalysis], sizeSpecific: Bool, calculator: LayerFigureCalculator) {
        var figures: [Key: LayerFigures] = [:]
        for layer in layers { figures[Key(graph: layer.graph, nodeIndex: layer.nodeIndex)] = layer.figures }
        self.figures = figures
        self.sizeSpecific = sizeSpecific
        self.calculator = calculator
    }

    /// The figure name and field the network bound uses.
    private var certificate: (figure: String, field: String) {
        sizeSpecific ? ("embedding", "upper") : ("asymptotic", "upper")
    }

    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        guard let scale = outputChannelScale else {
            return try stored(graph: conv.graph, nodeIndex: conv.nodeIndex, name: conv.name)
        }
        guard case .constant(let tensor) = conv.weights else {
            throw LayerBoundUnavailable("weights of '\(conv.name)' are not static")
        }
        let mapping: ConvOperatorMapping
        do {
            mapping = try ConvOperatorMapping(layer: conv, weights: try tensor.doubles())
        } catch let error as FigureUnavailable {
            throw LayerBoundUnavailable(error.reason)
        } catch {
            throw LayerBoundUnavailable("weights of '\(conv.name)' are unreadable: \(error)")
        }
        guard let scaled = mapping.scalingOutputChannels(by: scale, transposed: conv.op == .convTranspose) else {
            throw LayerBoundUnavailable("folded scale has \(scale.count) entries for '\(conv.name)'")
        }
        if sizeSpecific {
            var f = LayerFigures()
            calculator.sizeDependentFigures(scaled, into: &f)
            guard let upper = f.embedding?.number("upper") else {
                throw LayerBoundUnavailable(f.embedding?.reason ?? "no embedding bound for '\(conv.name)'")
            }
            return upper
        }
        guard let upper = calculator.sizeIndependentFigures(scaled.spec).asymptotic?.number("upper") else {
            throw LayerBoundUnavailable("no asymptotic bound for '\(conv.name)'")
        }
        return upper
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        guard let f = figures[Key(graph: dense.graph, nodeIndex: dense.nodeIndex)] else {
            throw LayerBoundUnavailable("layer '\(dense.name)' was not analysed")
        }
        // A dense layer's certificate does not depend on the input size.
        guard let upper = f.asymptotic?.number("upper") else {
            throw LayerBoundUnavailable(f.asymptotic?.reason ?? f.exact?.reason ?? "no bound for '\(dense.name)'")
        }
        return upper
    }

    private func stored(graph: String, nodeIndex: Int, name: String) throws(LayerBoundUnavailable) -> Double {
        guard let f = figures[Key(graph: graph, nodeIndex: nodeIndex)] else {
            throw LayerBoundUnavailable("layer '\(name)' was not analysed")
        }
        let figure = sizeSpecific ? f.embedding : f.asymptotic
        guard let figure else { throw LayerBoundUnavailable("no \(certificate.figure) figure for '\(name)'") }
        if let reason = figure.reason { throw LayerBoundUnavailable(reason) }
        guard let upper = figure.number(certificate.field) else {
            throw LayerBoundUnavailable("no \(certificate.figure) bound for '\(name)'")
        }
        return upper
    }
}
