import Foundation
import TestSupport

/// Models for the end-to-end tests of `liplint diff`: a small chain `a (Conv) → Relu → b (Conv) → c (Conv) →
/// Relu → Flatten → fc (Gemm) → y` on a 1×2×8×8 input, each layer with its own weights, and modified copies.
///
/// For a chain whose only non-linear ops are Relus (Lipschitz constant 1) and whose dense layer does not
/// read a conv's output directly (which would compose it with the conv, spectral-methods §7.3) the network
/// bound is the product of the layer certificates, so scaling one layer's weights by `s` scales that layer's
/// bound and the network bound by exactly `s` (norms are homogeneous; scaling a float by 2 is exact).
enum DiffFixtures {
    /// One variant of the chain.
    struct Chain {
        /// Node names of the three convs and the dense layer.
        var names = ["a", "b", "c", "fc"]
        /// Whether conv `b` is in the graph.
        var includeB = true
        /// Factor on conv `b`'s weights.
        var scaleB: Float = 1
        var metadata: [(key: String, value: String)] = []

        func bytes() -> [UInt8] {
            func weights(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
                var g = SeededGenerator(seed: seed)
                return (0..<count).map { _ in Float(g.normal() * 0.4) * scale }
            }
            let convAttributes: [ONNXWriter.Attribute] = [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]
            var nodes = [
                ONNXWriter.node(op: "Conv", inputs: ["x", "wa"], outputs: ["ha"], name: names[0], attributes: convAttributes),
                ONNXWriter.node(op: "Relu", inputs: ["ha"], outputs: ["hr"], name: "relu"),
            ]
            var initializers = [ONNXWriter.tensor(name: "wa", dims: [2, 2, 3, 3], floats: weights(36, seed: 1))]
            if includeB {
                nodes.append(ONNXWriter.node(op: "Conv", inputs: ["hr", "wb"], outputs: ["hb"], name: names[1], attributes: convAttributes))
                initializers.append(ONNXWriter.tensor(name: "wb", dims: [2, 2, 3, 3], floats: weights(36, seed: 2, scale: scaleB)))
            }
            nodes += [
                ONNXWriter.node(op: "Conv", inputs: [includeB ? "hb" : "hr", "wc"], outputs: ["hc"], name: names[2], attributes: convAttributes),
                ONNXWriter.node(op: "Relu", inputs: ["hc"], outputs: ["hcr"], name: "relu_c"),
                ONNXWriter.node(op: "Flatten", inputs: ["hcr"], outputs: ["flat"], name: "flatten"),
                ONNXWriter.node(op: "Gemm", inputs: ["flat", "wfc"], outputs: ["y"], name: names[3], attributes: [.int("transB", 1)]),
            ]
            initializers += [
                ONNXWriter.tensor(name: "wc", dims: [2, 2, 3, 3], floats: weights(36, seed: 3)),
                ONNXWriter.tensor(name: "wfc", dims: [4, 128], floats: weights(512, seed: 4, scale: 0.2)),
            ]
            let graph = ONNXWriter.graph(
                nodes: nodes, initializers: initializers,
                inputs: [CheckFixtures.input("x", [1, 2, 8, 8])], outputs: [CheckFixtures.input("y", nil)])
            return ONNXWriter.model(opsets: [("", 17)], graph: graph, metadata: metadata)
        }
    }

    /// Runs `liplint diff ARGS` in `dir` (`--bounds fast` unless the arguments choose).
    static func diff(_ args: [String], in dir: String) throws -> LiplintProcess.Result {
        let bounds = args.contains("--bounds") ? [] : ["--bounds", "fast"]
        return try LiplintProcess.run(["diff"] + args + bounds, in: URL(fileURLWithPath: dir))
    }

    /// `liplint diff --format json` parsed.
    static func json(_ r: LiplintProcess.Result) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// The `layers[]` rows by node name.
    static func layers(_ document: [String: Any]) -> [String: [String: Any]] {
        var rows: [String: [String: Any]] = [:]
        for row in document["layers"] as? [[String: Any]] ?? [] {
            if let node = row["node"] as? String { rows[node] = row }
        }
        return rows
    }
}
