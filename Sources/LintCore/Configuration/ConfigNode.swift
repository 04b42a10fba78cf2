import enum ONNXModel.DisplayText
import Yams

/// A YAML value with the line it starts on, converted from Yams' node tree right after parsing (Yams nodes
/// are reference types and not `Sendable`). Scalars keep their text and what the YAML resolver made of it.
indirect enum ConfigNode: Sendable {
    struct Scalar: Sendable {
        var text: String
        var line: Int
        /// `null`, `~` or empty, unquoted.
        var isNull: Bool
        var bool: Bool?
        var number: Double?
    }

    case scalar(Scalar)
    case mapping([(key: Scalar, value: ConfigNode)], line: Int)
    case sequence([ConfigNode], line: Int)

    var line: Int {
        switch self {
        case .scalar(let s): return s.line
        case .mapping(_, let line), .sequence(_, let line): return line
        }
    }

    /// How the value reads in an error message: a short escaped excerpt of a scalar (a file that is not
    /// configuration at all is one long scalar, and is not echoed whole).
    var display: String {
        switch self {
        case .scalar(let s): return DisplayText.excerpt(s.text)
        case .mapping: return "a mapping"
        case .sequence(let items, _): return "a list of \(items.count)"
        }
    }

    /// Parses the first document of `text`; an empty document is an empty mapping.
    /// - Throws: `ConfigurationError.syntax` with the line of the problem.
    /// - Throws: `ConfigurationError.syntax` for any anchor or alias, found before composing (see `YAMLAliasScan`).
    static func parse(_ text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        if let found = YAMLAliasScan.firstAnchorOrAlias(in: text) {
            let what = found.isAlias ? "alias '*\(found.name)'" : "anchor '&\(found.name)'"
            throw .syntax(
                file: file, line: found.line,
                problem: "\(what): anchors and aliases are not supported in liplint configuration")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .syntax(file: file, line: Self.line(of: error), problem: Self.problem(of: error))
        } catch {
            throw .syntax(file: file, line: nil, problem: "\(error)")
        }
        guard let node else { return .mapping([], line: 1) }
        return try convert(node, file: file)
    }

    private static func convert(_ node: Node, file: String) throws(ConfigurationError) -> ConfigNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            return .scalar(Self.scalar(node, scalar))
        case .mapping(let mapping):
            var entries: [(key: Scalar, value: ConfigNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let k) = key else {
                    throw .syntax(file: file, line: key.mark?.line, problem: "mapping keys must be plain strings")
                }
                if entries.contains(where: { $0.key.text == k.string }) {
                    throw .syntax(file: file, line: key.mark?.line, problem: "duplicate key '\(k.string)'")
                }
                entries.append((Self.scalar(key, k), try convert(value, file: file)))
            }
            return .mapping(entries, line: line)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try convert(item, file: file)) }
            return .sequence(items, line: line)
        case .alias:
            throw .syntax(file: file, line: line, problem: "aliases are not supported in liplint configuration")
        }
    }

    private static func scalar(_ node: Node, _ scalar: Node.Scalar) -> Scalar {
        let plain = scalar.style == .plain || scalar.style == .any
        let text = scalar.string
        var number: Double?
        if plain, let d = node.float ?? Double(text), d.isFinite { number = d }
        return Scalar(
            text: text, line: node.mark?.line ?? 0,
            isNull: plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"),
            bool: plain ? ["true": true, "false": false, "True": true, "False": false][text] : nil,
            number: number)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate keys: \(duplicates.joined(separator: ", "))"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
