import Foundation
import Testing
@testable import LipschitzKit

/// The rule registry and the operator table of docs/network-bound.md describe the same operators.
struct RuleRegistryTests {
    /// The first column of every row of the "Rules" table.
    static func documentedRows() throws -> [String] {
        let text = try String(contentsOfFile: RealModelNetworkTests.root + "/docs/network-bound.md", encoding: .utf8)
        guard let start = text.range(of: "## Rules") else { return [] }
        let section = text[start.upperBound...]
        var rows: [String] = []
        var inTable = false
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") || line.hasPrefix("### ") { break }
            guard line.hasPrefix("|") else {
                if inTable { break }
                continue
            }
            inTable = true
            // Cells are separated by " | " (formulas such as `|α|` contain bare bars).
            let cells = line.dropFirst().components(separatedBy: " | ")
            guard cells.count > 1 else { continue }
            let first = cells[0].trimmingCharacters(in: .whitespaces)
            if first == "operators" || first.hasPrefix("---") { continue }
            rows.append(first)
        }
        return rows
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.split { !$0.isLetter && !$0.isNumber && $0 != "*" }.map(String.init))
    }

    @Test func everyRegisteredOperatorIsInTheDocumentedTable() throws {
        let rows = try Self.documentedRows()
        #expect(rows.count > 20)
        let documented = rows.reduce(into: Set<String>()) { $0.formUnion(Self.words($1)) }
        let missing = RuleRegistry.standard.registeredOperators.filter { op in
            !documented.contains(op) && !(op.hasPrefix("Random") && documented.contains("Random*"))
        }
        #expect(missing.isEmpty, "operators with a rule but not in docs/network-bound.md: \(missing.sorted())")
    }

    @Test func everyDocumentedRowNamesARegisteredOperator() throws {
        let registered = RuleRegistry.standard.registeredOperators
        for row in try Self.documentedRows() where !row.hasPrefix("com.microsoft") {
            let first = String(row.prefix { $0.isLetter || $0.isNumber })
            #expect(registered.contains(first), "docs row '\(row)' starts with '\(first)', which has no rule")
        }
    }

    @Test func coveredOperatorsExcludeTheAlwaysUnknownFamilies() {
        let covered = RuleRegistry.standard.coveredOperators
        #expect(covered.contains("Conv") && covered.contains("If") && covered.contains("Concat"))
        #expect(!covered.contains("LSTM") && !covered.contains("Loop") && !covered.contains("Floor"))
        #expect(!covered.contains("LayerNormalization"))
    }
}
