import Foundation
import Testing
import TestSupport

/// Small models and scratch directories for the end-to-end tests of `check`, configuration and baseline.
enum CheckFixtures {
    static func input(_ name: String, _ shape: [ONNXWriter.Dim]?) -> ONNXWriter.ValueInfo {
        ONNXWriter.valueInfo(name: name, elementType: .float, shape: shape)
    }

    /// A 2→2 channel 3×3 Conv on 8×8 named `name`. `pads` `[0, 0, 1, 1]` triggers `asymmetric-padding`
    /// (a note), `deadChannel` triggers `dead-filters` (a warning), `nan` triggers `non-finite-weights` (an error).
    static func conv(
        name: String = "conv0", pads: [Int64] = [1, 1, 1, 1], deadChannel: Bool = false, nan: Bool = false,
        scale: Float = 1, metadata: [(key: String, value: String)] = []
    ) -> [UInt8] {
        var w = (0..<36).map { (Float(($0 * 7) % 5) * 0.1 - 0.15) * scale }
        if deadChannel { for k in 18..<36 { w[k] = 0 } }
        if nan { w[0] = .nan }
        let graph = ONNXWriter.graph(
            nodes: [ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: name,
                                    attributes: [.ints("kernel_shape", [3, 3]), .ints("pads", pads)])],
            initializers: [ONNXWriter.tensor(name: "w", dims: [2, 2, 3, 3], floats: w)],
            inputs: [input("x", [1, 2, 8, 8])], outputs: [input("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph, metadata: metadata)
    }

    /// `y = x · x` (a product of two input-dependent tensors: the network bound is unknown).
    static func square() -> [UInt8] {
        let graph = ONNXWriter.graph(
            nodes: [ONNXWriter.node(op: "Mul", inputs: ["x", "x"], outputs: ["y"], name: "sq")],
            inputs: [input("x", [1, 4])], outputs: [input("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// A chain of `count` Convs named `block<k>.conv` (with asymmetric padding on every one when `asymmetric`).
    static func chain(_ count: Int, asymmetric: Bool = true) -> [UInt8] {
        let w = (0..<36).map { Float(($0 * 3) % 7) * 0.05 - 0.1 }
        var nodes: [ONNXWriter.Node] = []
        for k in 0..<count {
            nodes.append(ONNXWriter.node(
                op: "Conv", inputs: [k == 0 ? "x" : "h\(k - 1)", "w"], outputs: [k == count - 1 ? "y" : "h\(k)"],
                name: "block\(k).conv",
                attributes: [.ints("kernel_shape", [3, 3]), .ints("pads", asymmetric ? [0, 0, 2, 2] : [1, 1, 1, 1])]))
        }
        let graph = ONNXWriter.graph(
            nodes: nodes, initializers: [ONNXWriter.tensor(name: "w", dims: [2, 2, 3, 3], floats: w)],
            inputs: [input("x", [1, 2, 8, 8])], outputs: [input("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// A fresh scratch directory.
    static func scratch() throws -> String { try FileIO.makeTemporaryDirectory("liplint-check") }

    /// Writes `bytes` (or text) at `relative` under `dir`, creating directories.
    static func put(_ dir: String, _ relative: String, _ bytes: [UInt8]) throws {
        let path = dir + "/" + relative
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try FileIO.write(bytes, to: path)
    }

    static func put(_ dir: String, _ relative: String, _ text: String) throws {
        try put(dir, relative, Array(text.utf8))
    }

    /// Runs `liplint check ARGS --bounds none` in `dir` (structural rules only: fast in debug builds) (no colour: standard output is a pipe).
    static func check(_ args: [String], in dir: String) throws -> LiplintProcess.Result {
        try LiplintProcess.run(["check"] + args + ["--bounds", "none"], in: URL(fileURLWithPath: dir))
    }

    /// Standard output without the summary line (the last line).
    static func findings(_ r: LiplintProcess.Result) -> [String] {
        Array(r.stdout.split(separator: "\n").map(String.init).dropLast())
    }

    static func summary(_ r: LiplintProcess.Result) -> String {
        r.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }
}

@Suite struct CheckSupportTests {
    @Test func fixturesLint() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        let r = try CheckFixtures.check(["m.onnx"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CheckFixtures.summary(r) == "1 model, 1 layer: 0 errors, 0 warnings, 0 notes")
    }
}
