import Analysis
import Foundation

/// `check --output FILE`, `diff --output FILE`: the report written atomically (`AtomicFile`: temporary file in
/// the same directory, renamed).
enum ReportFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ text: String, to path: String) throws(WriteError) {
        do {
            try AtomicFile.write(Data(text.utf8), to: path)
        } catch {
            throw WriteError(description: "\(path): cannot write report: \(error.description)")
        }
    }

    /// The report to `output` (`--output FILE`, atomically) or, without one, to standard output.
    /// - Throws: `CLIFailure.usage` when the file cannot be written.
    static func emit(_ text: String, to output: String?) throws {
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try write(text, to: output)
        } catch {
            throw CLIFailure.usage(error.description)
        }
    }
}
