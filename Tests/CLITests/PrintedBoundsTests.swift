import Foundation
import Testing
import TestSupport

/// Every figure every format prints, against the full-precision JSON report of the same run: printed upper
/// bounds are never below the bound, printed lower bounds never above, everything else within half a unit
/// of its 6th digit; on a real model and on generated ones with random weights.
@Suite(.serialized) struct PrintedBoundsTests {
    /// Fields that are upper bounds (`upper`, and the four closed forms of an upper figure) or lower bounds.
    static let upperFields: Set<String> = ["upper", "triangle", "blockNorm", "schur", "frobenius"]

    enum Side { case up, down, nearest }

    static func side(_ field: String) -> Side {
        field == "lower" ? .down : (upperFields.contains(field) ? .up : .nearest)
    }

    /// Whether `printed` may stand for `exact` on `side`.
    static func holds(_ printed: Double, _ exact: Double, _ side: Side) -> Bool {
        let slack = 1e-5 * abs(exact) + 1e-300  // a 6-digit neighbour is within one unit of the 6th digit
        switch side {
        case .up: return printed >= exact && printed - exact <= slack
        case .down: return printed <= exact && exact - printed <= slack
        case .nearest: return abs(printed - exact) <= slack / 2
        }
    }

    /// Conv → Relu → Conv → Gemm-free chains with seeded Gaussian weights, scaled so that norms cover decades.
    static func randomModel(seed: UInt64) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        let scale = Float(pow(10, Double.random(in: -3...3, using: &rng)))
        let w1 = rng.normals(4 * 3 * 9).map { Float($0) * scale }
        let w2 = rng.normals(2 * 4 * 9).map { Float($0) * scale }
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(op: "Conv", inputs: ["x", "w1"], outputs: ["h"], name: "conv1",
                                attributes: [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]),
                ONNXWriter.node(op: "Relu", inputs: ["h"], outputs: ["r"], name: "relu"),
                ONNXWriter.node(op: "Conv", inputs: ["r", "w2"], outputs: ["y"], name: "conv2",
                                attributes: [.ints("kernel_shape", [3, 3]), .ints("strides", [2, 2])]),
            ],
            initializers: [
                ONNXWriter.tensor(name: "w1", dims: [4, 3, 3, 3], floats: w1),
                ONNXWriter.tensor(name: "w2", dims: [2, 4, 3, 3], floats: w2),
            ],
            inputs: [CheckFixtures.input("x", [1, 3, 9, 7])], outputs: [CheckFixtures.input("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    static func number(_ text: Substring) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "≤ ", with: ""))
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyFormatPrintsEveryBoundOnItsSide() throws {
        let dir = try FileIO.makeTemporaryDirectory("liplint-printed")
        defer { FileIO.remove(dir) }
        var models = [LiplintProcess.packageRoot.path + "/fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx"]
        for seed in 1...4 as ClosedRange<UInt64> {
            let path = dir + "/random\(seed).onnx"
            try FileIO.write(Self.randomModel(seed: seed), to: path)
            models.append(path)
        }
        // Every layer and output fires, so every finding message carries a bound.
        try FileIO.write(Array("""
            rules:
              layer-spectral-norm: {max: 0}
              network-lipschitz-budget: {budget: 1e-300}
            """.utf8), to: dir + "/liplint.yml")
        var environment = ProcessInfo.processInfo.environment
        environment["LIPLINT_CACHE_DIR"] = dir + "/cache"  // one analysis, shared by every format's run
        environment["NO_COLOR"] = "1"
        func run(_ format: String, command: String = "check", _ paths: [String]) throws -> String {
            let args = [command] + paths + ["--bounds", "standard", "--format", format]
                + (command == "check" ? ["--config", dir + "/liplint.yml"] : [])
            let result = try LiplintProcess.run(args, environment: environment)
            #expect([0, 1].contains(result.status), "\(format): \(result.stderr)")
            return result.stdout
        }

        let report = try Self.object(try run("json", models))
        let jsonModels = try #require(report["models"] as? [[String: Any]])
        #expect(jsonModels.count == models.count)
        var checked = 0

        // Findings: the bound in each message is on its side of the finding's value, and every format that
        // shows messages shows exactly that message.
        var messages: [String] = []
        for model in jsonModels {
            for finding in model["findings"] as? [[String: Any]] ?? [] {
                let message = try #require(finding["message"] as? String)
                messages.append(message)
                guard let value = finding["value"] as? Double else { continue }
                for prefix in ["certified spectral norm ", "network Lipschitz bound "] where message.hasPrefix(prefix) {
                    let printed = try #require(Self.number(message.dropFirst(prefix.count).prefix { $0 != " " }))
                    #expect(printed >= value, "\(message) prints below \(value)")
                    checked += 1
                }
            }
        }
        #expect(messages.count >= 2 * models.count)
        for format in ["text", "github", "sarif", "gitlab"] {
            let out = try run(format, models)
            // SARIF and GitLab are JSON: compare decoded strings, not escaped text.
            let decoded: String
            if format == "sarif" || format == "gitlab" {
                decoded = strings(try JSONSerialization.jsonObject(with: Data(out.utf8))).joined(separator: "\n")
            } else {
                decoded = out
            }
            for message in messages { #expect(decoded.contains(message), "\(format) lacks: \(message)") }
        }

        // Per-layer figures of the JSON report, by model and node.
        var figures: [[String: [String: [String: Any]]]] = []
        var networks: [[String: Double]] = []
        for model in jsonModels {
            var byNode: [String: [String: [String: Any]]] = [:]
            for layer in model["layers"] as? [[String: Any]] ?? [] {
                byNode[layer["node"] as? String ?? ""] = layer["bounds"] as? [String: [String: Any]] ?? [:]
            }
            figures.append(byNode)
            var outputs: [String: Double] = [:]
            for output in (model["network"] as? [String: Any])?["outputs"] as? [[String: Any]] ?? [] {
                if let upper = output["upper"] as? Double { outputs[output["name"] as? String ?? ""] = upper }
            }
            networks.append(outputs)
        }
        func expectFigure(_ model: Int, _ node: String, _ figure: String, _ field: String, printed: Double) {
            guard let exact = figures[model][node]?[figure]?[field] as? Double else {
                Issue.record("no \(figure).\(field) for \(node) in the JSON report")
                return
            }
            #expect(Self.holds(printed, exact, Self.side(field)), "\(node) \(figure).\(field): printed \(printed), JSON \(exact)")
            checked += 1
        }

        // HTML: every numeric cell of every layer table, by its column header.
        let html = try run("html", models)
        let tables = html.components(separatedBy: "<table class=\"layers\">").dropFirst()
        #expect(tables.count == models.count)
        for (k, chunk) in tables.enumerated() {
            let table = chunk.components(separatedBy: "</table>")[0]
            let headers = table.matches(of: /<th[^>]*>([^<]*)<\/th>/).map { String($0.output.1) }
            for row in table.matches(of: /<tr id="[^"]*"[^>]*>(.*?)<\/tr>/) {
                let cells = row.output.1.matches(of: /<td[^>]*>(.*?)<\/td>/).map { String($0.output.1) }
                let node = cells[1].replacing(/<\/?code>/, with: "")
                // The figure columns are the last ones (a dense row spans its conv-only columns).
                let figureCount = headers.count - 10
                for (header, cell) in zip(headers.suffix(figureCount), cells.suffix(figureCount)) {
                    guard let printed = Double(cell) else { continue }
                    let parts = header.split(separator: " ").map(String.init)
                    expectFigure(k, node, parts[0], parts.count > 1 ? parts[1] : "value", printed: printed)
                }
            }
        }

        // Markdown: the worst-layers table and the network rows.
        let markdown = try run("markdown", models)
        for line in markdown.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let path = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard let k = models.firstIndex(where: { $0.hasSuffix(path) || path.hasSuffix($0) }) else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            if cells.count == 4, cells[2].hasPrefix("≤ "), let printed = Double(cells[2].dropFirst(2)) {
                let exact = try #require(networks[k][name])
                #expect(printed >= exact, "markdown network \(name): \(printed) < \(exact)")
                checked += 1
            } else if cells.count == 5, let printed = Double(cells[3]) {
                expectFigure(k, name, "asymptotic", "upper", printed: printed)
                if let value = Double(cells[4]) { expectFigure(k, name, "exact", "value", printed: value) }
            }
        }

        // Inspect text: the figure columns of the layer table and each network bound.
        for (k, path) in models.enumerated() {
            let text = try run("text", command: "inspect", [path])
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let headerIndex = try #require(lines.firstIndex { $0.split(separator: " ").prefix(2) == ["#", "node"] })
            let headers = lines[headerIndex].split(separator: " ").map(String.init)
            for line in lines[(headerIndex + 1)...] {
                let cells = line.split(separator: " ").map(String.init)
                guard cells.count == headers.count, Int(cells[0]) != nil else { break }
                for (header, cell) in zip(headers, cells) where ["exact", "embedding", "asymptotic"].contains(header) {
                    guard let printed = Double(cell) else { continue }
                    expectFigure(k, cells[1], header, header == "exact" ? "value" : "upper", printed: printed)
                }
            }
            for line in lines where line.hasPrefix("  ") && line.contains(": ≤ ") {
                let parts = line.trimmingCharacters(in: .whitespaces).components(separatedBy: ": ≤ ")
                let exact = try #require(networks[k][parts[0]])
                let printed = try #require(Double(parts[1]))
                #expect(printed >= exact, "inspect network \(parts[0]): \(printed) < \(exact)")
                checked += 1
            }
        }
        #expect(checked > 100, "only \(checked) printed figures were compared")
    }
}

/// Every string inside a decoded JSON document, one per line.
private func strings(_ value: Any) -> [String] {
    switch value {
    case let s as String: return [s]
    case let a as [Any]: return a.flatMap(strings)
    case let d as [String: Any]: return d.values.flatMap(strings)
    default: return []
    }
}

