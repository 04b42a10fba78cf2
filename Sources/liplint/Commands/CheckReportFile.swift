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
}
