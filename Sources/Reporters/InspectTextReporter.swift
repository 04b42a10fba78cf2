import Analysis
import LintCore
import LipschitzKit
import ONNXModel
import SpectralKit

/// `liplint inspect` (text): the model's identity, its inputs, one table row per layer and the layers
/// that are not analysed. A pure function of the analysis.
public enum InspectTextReporter {
    public static func render(_ analysis: ModelAnalysis) -> String {
        var out: [String] = []
        let m = analysis.model
        let opsets = m.opsets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let producer = [m.producerName, m.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        out.append("model: \(m.path)")
        out.append("  sha256 \(m.sha256)")
        out.append("  IR \(m.irVersion), producer \(producer.isEmpty ? "unknown" : producer), opsets \(opsets)")
        for input in analysis.inputs {
            let declared = input.symbolic.map(\.description).joined(separator: "x")
            let used = input.shape.map { $0.map(String.init).joined(separator: "x") } ?? "unknown"
            let type = input.elementType.map { " \($0)" } ?? ""
            out.append("input \(input.name)\(type): \(used)" + (declared == used ? "" : " (declared \(declared))"))
        }
        out.append("")

        let showFigures = analysis.options.bounds != .none
        var headers = ["#", "node", "op", "kernel", "stride", "dil", "pads", "group", "in", "out"]
        if showFigures {
            headers += analysis.options.bounds.includesSizeDependent ? ["exact", "embedding"] : []
            headers += ["asymptotic"]
        }
        let firstNumeric = 10
        var table = TextTable(headers: headers, rightAligned: Set(firstNumeric..<headers.count).union([0, 7]))
        for (k, layer) in analysis.layers.enumerated() {
            var row = [String(k), display(layer), layer.op]
            switch layer.layer {
            case .conv(let c):
                row += [
                    c.kernel.map(String.init).joined(separator: "x"), c.stride.map(String.init).joined(separator: "x"),
                    c.dilation.map(String.init).joined(separator: "x"), c.pads.map(String.init).joined(separator: ","),
                    String(c.group), size(c.inputSize), size(c.outputSize),
                ]
            case .dense(let d):
                row += [d.weightShape.map(String.init).joined(separator: "x"), "-", "-", "-", "-", "-", "-"]
            }
            if showFigures {
                let f = layer.figures
                if analysis.options.bounds.includesSizeDependent {
                    row.append(cell(f.reported("exact"), "value"))
                    row.append(cell(f.reported("embedding"), "upper"))
                }
                row.append(cell(f.reported("asymptotic"), "upper"))
            }
            table.append(row)
        }
        // One element per line: every element is escaped below, so none may hold a line break of its own.
        out += analysis.layers.isEmpty
            ? ["no conv or dense layers"] : table.render().split(separator: "\n").map(String.init)

        let unavailable = analysis.layers.flatMap { layer in
            layer.figures.reported.compactMap { entry in
                entry.reason.map { "  \(display(layer)) \(entry.key): \($0)" }
            }
        }
        if !unavailable.isEmpty {
            out.append("")
            out.append("figures not computed:")
            out += Array(Set(unavailable)).sorted()
        }
        if !analysis.unsupported.isEmpty {
            out.append("")
            out.append("not analysed:")
            for u in analysis.unsupported {
                out.append("  \(u.graph == "main" ? "" : u.graph + "/")\(u.name) (\(u.op)): \(u.reason)")
            }
        }
        if let network = analysis.network {
            out.append("")
            out += networkLines(network)
        }
        if showFigures {
            out.append("")
            if analysis.options.bounds.includesSizeDependent {
                out.append("exact: spectral norm of the zero-padded layer at its input size (Lanczos, rel. tol. "
                    + DecimalText.shortest(analysis.options.exactTolerance) + ")")
                out.append("embedding: certified upper bound at that input size")
            }
            out.append("asymptotic: certified upper bound for every input size")
        }
        // Names, paths and reasons come from the model file: escaped line by line (`DisplayText`).
        return out.map(DisplayText.escaped).joined(separator: "\n") + "\n"
    }

    /// The network bound per output, its critical path and the ops that block it.
    static func networkLines(_ n: NetworkBound) -> [String] {
        var out: [String] = []
        let scope = n.sizeSpecific ? "at this input size" : "for every input size"
        out.append("network Lipschitz bound (l2, per sample, w.r.t. \(n.wrt.joined(separator: ", ")); \(n.boundUsed) layer bounds, \(scope)):")
        for o in n.outputs {
            if let upper = o.upper {
                out.append("  \(o.name): ≤ \(DecimalText.upper(upper))")
            } else {
                out.append("  \(o.name): unknown")
            }
            if !o.criticalPath.isEmpty {
                // Steps with factor 1 (reshapes, ReLU, folded BatchNormalization) are counted, not listed.
                let shown = o.criticalPath.filter { $0.factor != 1 }
                let steps = shown.map { "\($0.node) (\($0.op)) ×\(DecimalText.upper($0.factor))" }
                let omitted = o.criticalPath.count - shown.count
                out.append("    critical path (\(o.criticalPath.count) ops\(omitted > 0 ? ", \(omitted) with factor 1 not shown" : "")):")
                var line = "     "
                for step in steps {
                    if line.count + step.count > 100 {
                        out.append(line)
                        line = "     "
                    }
                    line += " " + step
                }
                if line.count > 5 { out.append(line) }
            }
            for b in o.blockingOps {
                out.append("    blocked by \(b.node) (\(b.op)): \(b.reason)")
            }
        }
        if let naive = n.naiveProduct {
            out.append("  naive product of layer bounds (not a bound): \(DecimalText.nearest(naive))")
        }
        return out
    }

    static func display(_ layer: LayerAnalysis) -> String {
        layer.graph == "main" ? layer.name : "\(layer.graph)/\(layer.name)"
    }

    static func size(_ s: [Int]?) -> String {
        s.map { $0.map(String.init).joined(separator: "x") } ?? "?"
    }

    static func cell(_ figure: ReportedFigure?, _ name: String) -> String {
        guard let figure else { return "" }
        return figure.text(of: name) ?? "-"
    }
}
