import Foundation
import Testing
import TestSupport

/// The `--max-…` caps on the command line (docs/limits.md): a layer over a cap is still listed, the figures
/// the cap concerns say why they are missing, and a cap below 1 is a usage error.
@Suite struct LimitOptionsTests {
    static let model = "fixtures/malformed/valid-conv.onnx"

    @Test func operatorCapMarksSizeDependentFiguresOnly() throws {
        let r = try LiplintProcess.run(["inspect", "--max-operator-elements", "10", Self.model])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(
            "conv_y exact: the input at input size 8x8 has 192 elements, more than the 10 allowed (--max-operator-elements)"))
        #expect(!r.stdout.contains("conv_y asymptotic:"), "the size-independent certificate is still computed")
        let uncapped = try LiplintProcess.run(["inspect", Self.model])
        #expect(!uncapped.stdout.contains("figures not computed"))
    }

    @Test func kernelCapBlocksTheNetworkBoundWithTheReason() throws {
        let r = try LiplintProcess.run(["check", "--max-kernel-elements", "5", Self.model])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("more than the 5 allowed (--max-kernel-elements) [LIP003 lipschitz-unknown-op]"))
    }

    @Test(arguments: ["--max-tensor-elements", "--max-kernel-elements", "--max-operator-elements", "--max-layer-work"])
    func capBelowOneIsAUsageError(option: String) throws {
        let r = try LiplintProcess.run(["inspect", option, "0", Self.model])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(option) must be at least 1"))
    }

    /// `--input-shape x=1x3x100000x100000` was one 320 GB allocation and `--bounds all` at 4096² an abort at
    /// 1.6 GB: both are over the operator cap, the size-independent figures and the network bound remain.
    @Test(arguments: [("1x3x100000x100000", "standard"), ("1x3x4096x4096", "all"), ("1x3x100000x100000", "fast")])
    func hugeInputShapesStayBounded(shape: String, bounds: String) throws {
        typealias W = ONNXWriter
        let dir = try FileIO.makeTemporaryDirectory("limit-options")
        defer { FileIO.remove(dir) }
        let w = W.tensor(name: "W", dims: [4, 3, 3, 3], floats: (0..<108).map { Float($0 % 5) - 2 })
        let bytes = W.model(graph: W.graph(
            nodes: [W.node(op: "Conv", inputs: ["x", "W"], outputs: ["y"], name: "c")], initializers: [w],
            inputs: [W.valueInfo(name: "x", shape: ["N", 3, "H", "W"])], outputs: [W.valueInfo(name: "y", shape: nil)]))
        try W.write(bytes, to: dir + "/m.onnx")
        let r = try LiplintProcess.run(["inspect", "--bounds", bounds, "--input-shape", "x=\(shape)", dir + "/m.onnx"])
        #expect(r.status == 0, "\(r.stderr)")
        if bounds != "fast" {
            #expect(r.stdout.contains("c exact: the input at input size"), "\(r.stdout)")
            #expect(r.stdout.contains("(--max-operator-elements)"))
        }
        #expect(!r.stdout.contains("c asymptotic:"), "the size-independent certificate is computed")
        #expect(r.stdout.contains("y: ≤ "), "the network bound is finite: \(r.stdout)")
    }
}
