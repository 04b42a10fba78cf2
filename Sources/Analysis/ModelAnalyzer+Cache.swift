import LipschitzKit
import ONNXModel

extension ModelAnalyzer {
    /// The key of `model` under the current options, or `nil` without a cache or when the model cannot be
    /// cached (the observer is told why).
    func cacheKey(for model: Model) -> AnalysisCacheKey? {
        guard let cache else { return nil }
        if Self.usesExternalData(model) {
            observer?(.cache(model: model.path, .uncacheable(
                "tensors in external data files, which the model's SHA-256 does not cover")))
            return nil
        }
        return AnalysisCacheKey(modelSHA256: model.sha256, toolIdentity: cache.toolIdentity, options: options)
    }

    /// The cached layers and network bound of `model` when a trusted entry describes exactly `entries`.
    func cachedResult(for model: Model, key: AnalysisCacheKey?, entries: [LayerAnalysis.Layer])
        -> (layers: [LayerAnalysis], network: NetworkBound?)?
    {
        guard let cache, let key else { return nil }
        switch cache.lookup(key) {
        case .miss:
            observer?(.cache(model: model.path, .miss))
        case .ignored(let reason):
            observer?(.cache(model: model.path, .ignored(reason)))
        case .hit(let record):
            guard let layers = record.analysed(entries) else {
                observer?(.cache(model: model.path, .ignored("entry describes other layers")))
                return nil
            }
            observer?(.cache(model: model.path, .hit))
            return (layers, record.network)
        }
        return nil
    }

    /// Stores the expensive part of a freshly computed `analysis` (the observer hears the outcome).
    func store(_ analysis: ModelAnalysis, of model: Model, key: AnalysisCacheKey?) {
        guard let cache, let key else { return }
        do {
            try cache.store(AnalysisCacheRecord(layers: analysis.layers, network: analysis.network), for: key)
            observer?(.cache(model: model.path, .stored))
        } catch {
            observer?(.cache(model: model.path, .notStored(error.description)))
        }
    }

    /// Whether some tensor of `model` (initializer or attribute, in any graph) lives in an external file.
    static func usesExternalData(_ model: Model) -> Bool {
        allGraphs(model.graph).contains { graph in
            graph.initializers.contains(where: \.isExternal) || graph.nodes.contains { node in
                node.attributes.contains { attribute in
                    switch attribute.value {
                    case .tensor(let tensor): return tensor.isExternal
                    case .tensors(let tensors): return tensors.contains(where: \.isExternal)
                    default: return false
                    }
                }
            }
        }
    }
}
