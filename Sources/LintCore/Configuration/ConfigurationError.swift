import ONNXModel

/// Why a configuration (file, preset or command-line rule selection) was refused. Every message is one line
/// that names the file and line it came from, so the user can fix it without guessing. Exit code 2.
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid YAML.
    case syntax(file: String, line: Int?, problem: String)
    /// A key that the configuration format does not have.
    case unknownKey(file: String, line: Int, key: String, expected: [String])
    /// A rule that does not exist.
    case unknownRule(file: String, line: Int, rule: String)
    /// An option that the rule does not have.
    case unknownOption(file: String, line: Int, rule: String, option: String, expected: [String])
    /// `extends:` names neither a preset nor an existing `.yml`/`.yaml` file.
    case unknownPreset(file: String, line: Int, name: String, presets: [String])
    /// A value of the wrong type or out of range.
    case invalidValue(file: String, line: Int, key: String, expected: String, got: String)
    /// `extends:` chains back to a file already in the chain.
    case extendsCycle(file: String, line: Int, chain: [String])
    /// `--select`/`--ignore` names a rule that does not exist.
    case unknownRuleOnCommandLine(option: String, rule: String)

    /// One line: values quoted from the file are short excerpts, and control characters are escaped.
    public var description: String { DisplayText.escaped(message) }

    private var message: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read configuration: \(reason)"
        case .syntax(let file, let line, let problem):
            return "\(Self.place(file, line)): invalid YAML: \(problem)"
        case .unknownKey(let file, let line, let key, let expected):
            return "\(Self.place(file, line)): unknown key '\(DisplayText.excerpt(key))'\(Self.suggestion(key, expected))"
                + " (expected one of: \(expected.joined(separator: ", ")))"
        case .unknownRule(let file, let line, let rule):
            return "\(Self.place(file, line)): unknown rule '\(DisplayText.excerpt(rule))' (see 'liplint rules')"
        case .unknownOption(let file, let line, let rule, let option, let expected):
            let list = expected.isEmpty ? "it has no options besides severity" : "expected one of: "
                + (["severity"] + expected).joined(separator: ", ")
            return "\(Self.place(file, line)): rule '\(rule)' has no option '\(DisplayText.excerpt(option))'"
                + "\(Self.suggestion(option, expected)) (\(list))"
        case .unknownPreset(let file, let line, let name, let presets):
            return "\(Self.place(file, line)): extends '\(DisplayText.excerpt(name))' is neither a preset"
                + " (\(presets.joined(separator: ", "))) nor an existing .yml or .yaml file"
        case .invalidValue(let file, let line, let key, let expected, let got):
            return "\(Self.place(file, line)): '\(key)' must be \(expected), got '\(got)'"
        case .extendsCycle(let file, let line, let chain):
            return "\(Self.place(file, line)): extends cycle: \(chain.joined(separator: " -> "))"
        case .unknownRuleOnCommandLine(let option, let rule):
            return "\(option): unknown rule '\(DisplayText.excerpt(rule))' (see 'liplint rules')"
        }
    }

    static func place(_ file: String, _ line: Int?) -> String { line.map { "\(file):\($0)" } ?? file }

    /// `; did you mean 'x'?` when a candidate is within edit distance 2.
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        let best = candidates.map { ($0, EditDistance.between(word, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2 else { return "" }
        return "; did you mean '\(best.0)'?"
    }
}
