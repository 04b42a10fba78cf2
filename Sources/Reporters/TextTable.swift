import LintCore
import ONNXModel

/// A plain-text table with left-aligned text columns and right-aligned numeric columns.
struct TextTable {
    var headers: [String]
    /// Columns whose cells are right-aligned.
    var rightAligned: Set<Int>
    var rows: [[String]] = []

    init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Appends a row; control characters in cells (from node names) are escaped (`DisplayText`).
    mutating func append(_ row: [String]) {
        precondition(row.count == headers.count)
        rows.append(row.map(DisplayText.escaped))
    }

    /// The table as lines joined by newlines (no trailing spaces).
    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[k] - cell.count)
                parts.append(rightAligned.contains(k) ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
