import Analysis
import LintCore

extension CheckConfigReporter {
    /// Comment lines for `--show-config` saying which figures `check` computes (without `--bounds`) and which
    /// enabled rules read each: `size-independent` (every-size figures and the network bound), then the
    /// figures at the input size, `exact` (Lanczos) among them; and at which search effort the size-independent
    /// figures are computed.
    public static func figures(_ plan: FigurePlan, explicitBounds: String?) -> String {
        var lines: [String] = []
        if let explicitBounds {
            lines.append("# figures: --bounds \(explicitBounds) (given on the command line)")
        } else {
            let names = plan.needs.names
            lines.append("# figures computed (what the enabled rules read): " + (names.isEmpty ? "none" : names.joined(separator: ", ")))
            if plan.refinesFromFast {
                lines.append("# search effort: fast first, then standard for the layers whose verdict depends on it (--verbose counts them)")
            } else if !names.isEmpty {
                lines.append("# search effort: standard (the Lanczos exact figure starts where the standard search found its maximum)")
            }
        }
        let all = ["size-independent"] + SizeDependentFigure.allCases.map(\.rawValue)
        for figure in all {
            var readers = plan.byRule.filter { $0.needs.names.contains(figure) }.map(\.id.name)
            if figure == "embedding" && plan.sizeSpecificNetworkBound { readers.append("network-bound: embedding") }
            guard !readers.isEmpty else { continue }
            lines.append("#   \(figure): \(readers.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

