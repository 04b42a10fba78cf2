import Analysis
import LintCore

/// The in-page fragment identifiers of one model's section: the model, each layer (`layer-…`), each
/// output's critical-path chart (`output-…`). Unique within the page (they carry the model's and the
/// layer's position) and made of ASCII letters, digits and dashes only, whatever the node names are.
struct ReportAnchors {
    let model: String
    /// One per layer, in the analysis's order.
    let layers: [String]
    /// By the layer's displayed (qualified) name, as findings and critical paths name nodes.
    let layerByName: [String: String]
    /// By output name.
    let outputByName: [String: String]

    init(modelIndex m: Int, path: String, analysis: ModelAnalysis?) {
        model = HTMLText.anchor("model", [m], name: path)
        let layerList = analysis?.layers ?? []
        layers = layerList.enumerated().map { k, layer in HTMLText.anchor("layer", [m, k], name: layer.name) }
        var byName: [String: String] = [:]
        for (k, layer) in layerList.enumerated() where byName[Self.display(layer)] == nil {
            byName[Self.display(layer)] = layers[k]
        }
        layerByName = byName
        var outputs: [String: String] = [:]
        for (k, output) in (analysis?.network?.outputs ?? []).enumerated() where outputs[output.name] == nil {
            outputs[output.name] = HTMLText.anchor("output", [m, k], name: output.name)
        }
        outputByName = outputs
    }

    /// The layer's name as findings give it: qualified by its subgraph path outside the main graph.
    static func display(_ layer: LayerAnalysis) -> String {
        layer.graph == "main" ? layer.name : "\(layer.graph)/\(layer.name)"
    }

    /// Where a finding's location links to, if it is a layer or an output of this model.
    func anchor(for location: FindingLocation) -> String? {
        guard let name = location.name else { return nil }
        switch location.subject {
        case .node: return layerByName[name]
        case .output: return outputByName[name]
        case .model: return nil
        }
    }
}
