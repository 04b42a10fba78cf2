import ArgumentParser
import LintCore
import LintRules

/// `liplint rules`: every rule with its code, name, default severity, options and one-line summary.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List every rule with its code, name, default severity and options.")

    func run() throws {
        for d in AllRules.catalog.descriptors {
            print("\(d.id.code)  \(d.id.name)  [\(d.defaultSeverity.rawValue)]")
            print("    \(d.summary)")
            if !d.options.isEmpty {
                print("    options: " + d.options.map { "\($0.name) (\($0.defaultValue))" }.joined(separator: ", "))
            }
        }
    }
}
