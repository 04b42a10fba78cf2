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

    /// Reads a baseline file.
    public static func read(path: String) throws(BaselineError) -> Baseline {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
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

    /// Writes the baseline atomically: to a temporary file in the same directory, then renamed over `path`.
    public func write(path: String) throws(BaselineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var data = try encoder.encode(File(version: Self.version, findings: entries))
            data.append(0x0a)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw BaselineError.unwritable(file: path, reason: reason)
            }
        } catch let error as BaselineError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(file: path, reason: (error as NSError).localizedDescription)
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
