import Analysis
import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// On every small fixture model, a `check` that computes fast figures first and refines where a verdict
/// depends on them reports the same findings (rule, node, severity, threshold) as `check --bounds standard`:
/// with the default preset, and with a `max` and a `budget` placed where the fast figures leave them open.
@Suite struct RefinementVerdictTests {
    /// The ONNX-suite conv models (fixtures/onnx-node, fixtures/onnx-pytorch-converted): tiny, so the loop
    /// stays within seconds (fixtures/real's models take minutes at the standard effort in a debug build).
    static func fixtures() throws -> [String] {
        let root = LiplintProcess.packageRoot.path + "/fixtures"
        var paths: [String] = []
        for suite in ["onnx-node", "onnx-pytorch-converted"] {
            let dir = root + "/" + suite
            for entry in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
                let model = dir + "/" + entry + "/model.onnx"
                if FileManager.default.fileExists(atPath: model) { paths.append(model) }
            }
        }
        return paths
    }

    /// A configuration whose thresholds the fast figures of `fast` leave open: `max` at the lower end of the
    /// first searched conv's interval, `budget` just under the first known output bound.
    static func openThresholds(_ fast: ModelAnalysis) -> String? {
        var rules: [String] = []
        if let a = fast.layers.compactMap({ $0.figures.asymptotic.value }).first(where: { $0.search != nil }) {
            rules.append("layer-spectral-norm: {max: \(a.lower)}")
        }
        if let bound = fast.network?.outputs.compactMap(\.upper).first(where: { $0 > 0 }) {
            rules.append("network-lipschitz-budget: {budget: \(bound * (1 - 1e-9))}")
        }
        return rules.isEmpty ? nil : "rules:\n" + rules.map { "  \($0)\n" }.joined()
    }

    @Test func lazyChecksReportWhatStandardChecksReport() throws {
        let models = try Self.fixtures()
        #expect(models.count > 30)
        var refinedSomewhere = 0
        for path in models {
            let fast = try EffortRefinementTests.lint(path, bounds: .fast)
            var configs: [String?] = [nil]
            if let open = Self.openThresholds(fast.analysis) { configs.append(open) }
            for yaml in configs {
                let lazy = try EffortRefinementTests.lint(path, config: yaml)
                let standard = try EffortRefinementTests.lint(path, config: yaml, bounds: .standard)
                #expect(lazy.verdicts == standard.verdicts, "\(path) with \(yaml ?? "the default preset")")
                if yaml == nil { #expect(lazy.events.first?.layers == 0, "\(path)") }
                if lazy.analysis.layers.contains(where: { $0.refined }) { refinedSomewhere += 1 }
            }
        }
        // The open thresholds do make runs refine.
        #expect(refinedSomewhere > 10)
    }
}
