import Analysis
import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// The `certified` preset on a 1-Lipschitz-by-design network (3 × wrap Pad, BCOP-like orthogonal 3×3 conv,
/// MaxMin; SpaceToDepth; a head with orthonormal rows): it passes, and fails naming the layer when one conv
/// is scaled by 1.01.
@Suite struct CertifiedPresetTests {
    /// The model, with conv `scaled` (if any) multiplied by `factor`.
    static func model(scaled: Int?, factor: Double) -> [UInt8] {
        var rng = SeededGenerator(seed: 81)
        var nodes: [ONNXWriter.Node] = []
        var initializers = [ONNXWriter.tensor(name: "pads", dims: [8], int64s: [0, 0, 1, 1, 0, 0, 1, 1])]
        var t = "x"
        for k in 0..<3 {
            var w = OrthogonalMatrices.orthogonalKernel(4, rng: &rng)
            if k == scaled { w = w.map { $0 * factor } }
            initializers.append(ONNXWriter.tensor(name: "w\(k)", dims: [4, 4, 3, 3], floats: w.map { Float($0) }))
            nodes.append(ONNXWriter.node(op: "Pad", inputs: [t, "pads"], outputs: ["p\(k)"], name: "pad\(k)",
                                         attributes: [.string("mode", "wrap")]))
            nodes.append(ONNXWriter.node(op: "Conv", inputs: ["p\(k)", "w\(k)"], outputs: ["c\(k)"], name: "conv\(k)",
                                         attributes: [.ints("kernel_shape", [3, 3])]))
            nodes.append(ONNXWriter.node(op: "Split", inputs: ["c\(k)"], outputs: ["a\(k)", "b\(k)"], name: "split\(k)",
                                         attributes: [.int("axis", 1)]))
            nodes.append(ONNXWriter.node(op: "Max", inputs: ["a\(k)", "b\(k)"], outputs: ["hi\(k)"], name: "max\(k)"))
            nodes.append(ONNXWriter.node(op: "Min", inputs: ["a\(k)", "b\(k)"], outputs: ["lo\(k)"], name: "min\(k)"))
            nodes.append(ONNXWriter.node(op: "Concat", inputs: ["hi\(k)", "lo\(k)"], outputs: ["g\(k)"], name: "maxmin\(k)",
                                         attributes: [.int("axis", 1)]))
            t = "g\(k)"
        }
        nodes.append(ONNXWriter.node(op: "SpaceToDepth", inputs: [t], outputs: ["s"], name: "s2d",
                                     attributes: [.int("blocksize", 2)]))
        nodes.append(ONNXWriter.node(op: "Flatten", inputs: ["s"], outputs: ["f"], name: "flatten"))
        let head = OrthogonalMatrices.orthogonal(64, rng: &rng).prefix(8 * 64).map { Float($0) }
        initializers.append(ONNXWriter.tensor(name: "head", dims: [8, 64], floats: head))
        nodes.append(ONNXWriter.node(op: "Gemm", inputs: ["f", "head"], outputs: ["y"], name: "head",
                                     attributes: [.int("transB", 1)]))
        let graph = ONNXWriter.graph(
            nodes: nodes, initializers: initializers,
            inputs: [RuleTestModels.floatInput("x", [1, 4, 4, 4])], outputs: [RuleTestModels.floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 19)], graph: graph)
    }

    /// Findings at warning or above (the preset fails on warnings) under `extends: certified`.
    static func failures(_ bytes: [UInt8]) throws -> [Finding] {
        let path = try RuleTestModels.file(bytes)
        defer { FileIO.remove(URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let analysis = try ModelAnalyzer(options: AnalysisOptions(bounds: .standard, jobs: 1)).analyze(path: path)
        let dir = try FileIO.makeTemporaryDirectory("liplint-certified")
        defer { FileIO.remove(dir) }
        try FileIO.write(Array("extends: certified\n".utf8), to: dir + "/liplint.yml")
        let catalog = AllRules.catalog
        let configuration = try ConfigurationLoader(catalog: catalog).load(file: dir + "/liplint.yml")
        let findings = try Linter(catalog: catalog, configuration: configuration)
            .findings(for: analysis, fingerprintPath: "m.onnx")
        return findings.filter { $0.severity >= .warning }
    }

    @Test func oneLipschitzNetworkPasses() throws {
        let failures = try Self.failures(Self.model(scaled: nil, factor: 1))
        #expect(failures.isEmpty, "\(failures.map { "\($0.rule) \($0.location.name ?? "-"): \($0.message)" })")
    }

    @Test func oneLayerScaledByOnePercentFailsNamingIt() throws {
        let failures = try Self.failures(Self.model(scaled: 1, factor: 1.01))
        #expect(failures.contains { $0.location.name == "conv1" && $0.severity == .error },
                "\(failures.map { "\($0.rule) \($0.location.name ?? "-"): \($0.message)" })")
        #expect(failures.contains { "\($0.rule)".contains("network-lipschitz-budget") })
    }
}
