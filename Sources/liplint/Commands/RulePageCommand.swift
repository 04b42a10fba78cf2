import ArgumentParser
import LintCore
import LintRules
import Reporters

/// `liplint rule-page RULE` (hidden): the Markdown page of a rule as committed under `docs/rules/`; with
/// `--list`, the page file names, one per line. Used by `scripts/generate-rule-docs.sh`.
struct RulePageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule-page", abstract: "Print a rule's Markdown page (docs/rules/).", shouldDisplay: false)

    @Argument(help: "A rule code (LIP001) or name (layer-spectral-norm).")
    var rule: String?

    @Flag(help: "Print every rule's code and page file name instead.")
    var list = false

    func validate() throws {
        if (rule == nil) == !list { throw ValidationError("give a rule or --list") }
    }

    func run() throws {
        let catalog = AllRules.catalog
        if list {
            for d in catalog.descriptors { print("\(d.id.code) \(RuleDocs.pageFileName(d.id))") }
            return
        }
        guard let rule, let d = catalog.descriptor(named: rule) else {
            throw CLIFailure.usage("unknown rule '\(rule ?? "")' (see 'liplint rules')")
        }
        print(RuleDocs.markdownPage(d), terminator: "")
    }
}
