import Analysis
import Foundation

/// Findings accepted as they are today, by fingerprint (rule code, model path relative to the baseline
/// file's directory, node name). `liplint check --baseline FILE` reports only findings not listed here.
///
/// The file is JSON, sorted, one entry per finding, so it diffs well in review:
/// `{"version": 1, "findings": [{"rule": "LIP001", "name": "layer-spectral-norm", "path": "m.onnx", "node": "conv1"}]}`.
public struct Baseline: Sendable, Hashable {
    public static let version = 1

    public struct Entry: Sendable, Hashable, Codable, Comparable {
        public var rule: String
        public var name: String
        public var path: String
        public var node: String

        public init(rule: String, name: String, path: String, node: String) {
            self.rule = rule
            self.name = name
            self.path = path
            self.node = node
        }

        public var fingerprint: Fingerprint { Fingerprint(rule: rule, path: path, node: node) }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.path, a.node, a.rule) < (b.path, b.node, b.rule)
        }
    }

    private struct File: Codable {
        var version: Int
        var findings: [Entry]
    }

    /// Sorted entries (a finding listed twice is accepted twice).
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries.sorted() }

    /// The baseline of `reports`, whose findings' fingerprints were computed relative to the baseline's directory.
    public init(reports: [ModelReport], directory: String) {
        self.init(entries: reports.flatMap { report in
            report.findings.map { f in
                Entry(rule: f.rule.code, name: f.rule.name, path: PathText.relative(report.path, to: directory),
                      node: f.location.name ?? "")
            }
        })
    }

    /// The largest baseline file read, in bytes (64 MiB: about half a million findings).
    public static let maximumFileBytes = 64 << 20

    /// Reads a baseline file (a regular file of at most `maximumFileBytes`).
    public static func read(path: String) throws(BaselineError) -> Baseline {
        let data: Data
        do {
            data = try RegularFile.read(path, limit: maximumFileBytes)
        } catch {
            throw .unreadable(file: path, reason: error.description)
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == version else { throw BaselineError.invalid(file: path, reason: "version \(file.version)") }
            return Baseline(entries: file.findings)
        } catch let error as BaselineError {
            throw error
        } catch {
            throw .invalid(file: path, reason: "expected JSON with 'version' and 'findings'")
        }
    }

    /// Writes the baseline atomically (`AtomicFile`: a temporary file in the same directory, renamed over
    /// `path`; a device or pipe is written directly). Creates the directory if needed.
    public func write(path: String) throws(BaselineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data: Data
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            data = try encoder.encode(File(version: Self.version, findings: entries))
        } catch {
            throw .unwritable(file: path, reason: (error as NSError).localizedDescription)
        }
        data.append(0x0a)
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw .unwritable(file: path, reason: error.description)
        }
    }

    /// The outcome of filtering reports through a baseline.
    public struct Outcome: Sendable {
        public var reports: [ModelReport]
        /// Baseline entries of the linted models that no current finding matches any more.
        public var disappeared: Int
        /// Findings hidden because they are baselined.
        public var matched: Int
    }

    /// Removes every baselined finding from `reports`; `directory` is the baseline file's directory.
    public func filter(_ reports: [ModelReport], directory: String) -> Outcome {
        var remaining: [Fingerprint: Int] = [:]
        for entry in entries { remaining[entry.fingerprint, default: 0] += 1 }
        var linted = Set<String>()
        var matched = 0
        var filtered: [ModelReport] = []
        for var report in reports {
            let path = PathText.relative(report.path, to: directory)
            if report.analysis != nil { linted.insert(path) }
            report.findings = report.findings.filter { finding in
                let key = Fingerprint(rule: finding.rule.code, path: path, node: finding.location.name ?? "")
                guard let count = remaining[key], count > 0 else { return true }
                remaining[key] = count - 1
                matched += 1
                report.baselined += 1
                return false
            }
            filtered.append(report)
        }
        let disappeared = remaining.filter { linted.contains($0.key.path) }.values.reduce(0, +)
        return Outcome(reports: filtered, disappeared: disappeared, matched: matched)
    }
}
