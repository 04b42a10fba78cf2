import ArgumentParser
import Analysis

/// What `check` and `baseline write` share beyond the analysis inputs, so that a baseline records exactly
/// the findings the check it filters would report: the rules selected and the figures computed.
struct RuleSelectionArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Run only these rules (codes or names, repeatable or comma-separated).", valueName: "RULE"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Never run these rules (codes or names, repeatable or comma-separated).", valueName: "RULE"))
    var ignore: [String] = []

    /// `nil`: the figures the enabled rules read (`FigurePlan`).
    @Option(help: "Figures to compute: none, fast (size-independent), standard (+ exact, embedding, circulant), all (default: what the enabled rules read; see --show-config).")
    var bounds: BoundsSelection?
}
