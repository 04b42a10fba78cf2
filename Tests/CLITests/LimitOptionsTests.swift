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
}
