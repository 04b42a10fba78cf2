import ArgumentParser
import LintCore
import LintRules

/// `liplint explain RULE`: the full documentation of one rule.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Print the full documentation of a rule (by code or name).")

    @Argument(help: "A rule code (LIP001) or name (layer-spectral-norm).")
    var rule: String

    func run() throws {
        guard let d = AllRules.catalog.descriptor(named: rule) else {
            throw CLIFailure.usage("unknown rule '\(rule)' (see 'liplint rules')")
        }
        print("\(d.id.code) \(d.id.name)")
        print("default severity: \(d.defaultSeverity.rawValue)")
        print("")
        print(d.summary)
        print("")
        print(d.rationale)
        print("")
        if d.options.isEmpty {
            print("options: none (configure severity or off only)")
        } else {
            print("options:")
            for o in d.options {
                print("  \(o.name): \(o.type) (default \(o.defaultValue)): \(o.summary)")
            }
        }
        print("")
        print("example:")
        for line in d.example.split(separator: "\n", omittingEmptySubsequences: false) {
            print(line.isEmpty ? "" : "  \(line)")
        }
    }
}
