import Analysis
import LintCore
import ONNXModel
import SpectralKit

extension LayerAnalysis {
    /// Where findings about this layer point.
    var location: FindingLocation { .node(name, graph: graph, index: nodeIndex, op: op) }

    /// The qualified node name that configuration globs and suppressions match.
    var qualifiedName: String { location.name ?? name }

    var conv: ConvLayer? { if case .conv(let c) = layer { return c } else { return nil } }
    var dense: DenseLayer? { if case .dense(let d) = layer { return d } else { return nil } }
}

/// The spectral norm of a layer as one rule reads it: a value and what it guarantees.
struct NormReading {
    var value: Double
    var kind: FigureKind
    /// "certified spectral norm", "estimated spectral norm", ...
    var label: String

    /// Whether `read(layer, bound:)` reads the size-independent `asymptotic` figure: a conv with `bound`
    /// `asymptotic`, or `embedding` when that figure is missing.
    static func readsAsymptotic(_ layer: LayerAnalysis, bound: String) -> Bool {
        guard layer.conv != nil else { return false }
        switch bound {
        case "exact": return false
        case "embedding": return layer.figures.embedding.value == nil
        default: return true
        }
    }

    /// The layer's norm from the figure `bound` names (`asymptotic`, `embedding`, `exact`). Dense layers have
    /// one figure that holds for every input, read whatever `bound` says. `nil` when the figure is missing.
    static func read(_ layer: LayerAnalysis, bound: String) -> NormReading? {
        let f = layer.figures
        if layer.dense != nil {
            guard let norm = f.denseNorm.value else { return nil }
            if norm.kind != .exact {
                return NormReading(value: norm.upper, kind: .upper, label: "certified spectral norm")
            }
            return NormReading(value: norm.value, kind: .exact, label: "spectral norm")
        }
        switch bound {
        case "exact":
            // Lanczos: exact to its tolerance, but not a certificate: reported as an estimate.
            guard let v = f.exact.value?.value else { return nil }
            return NormReading(value: v, kind: .estimate, label: "estimated spectral norm (exact figure)")
        case "embedding":
            if let v = f.embedding.value?.upper {
                return NormReading(value: v, kind: .upper, label: "certified spectral norm at the input size")
            }
            return read(layer, bound: "asymptotic")
        default:
            guard let v = f.asymptotic.value?.upper else { return nil }
            return NormReading(value: v, kind: .upper, label: "certified spectral norm")
        }
    }
}
