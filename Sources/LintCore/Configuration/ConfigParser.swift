import Foundation

/// Reads one configuration document into a `ConfigLayer`, validating every key, rule, option and value
/// against the rule catalog. Anything unknown is an error with its line: nothing is silently ignored.
struct ConfigParser {
    static let topLevelKeys = [
        "extends", "fail-on", "input-shapes", "input-range", "network-bound", "rules", "overrides", "exclude",
    ]
    static let overrideKeys = ["nodes", "rules"]

    var catalog: RuleCatalog
    var source: ConfigLayer.Source
    /// Directory that relative `exclude:` globs are matched against.
    var baseDirectory: String

    private var file: String { source.description }

    func parse(_ text: String) throws(ConfigurationError) -> ConfigLayer {
        let root = try ConfigNode.parse(text, file: file)
        var layer = ConfigLayer(source: source)
        guard case .mapping(let entries, _) = root else {
            if case .scalar(let s) = root, s.isNull { return layer }
            throw .invalidValue(file: file, line: root.line, key: "configuration", expected: "a mapping", got: root.display)
        }
        for (key, value) in entries {
            let origin = source.origin(line: key.line)
            switch key.text {
            case "extends":
                layer.extends = Located(try string(value, key: "extends"), origin)
            case "fail-on":
                let text = try string(value, key: "fail-on")
                guard let level = FailLevel(rawValue: text) else {
                    throw invalid(value, "fail-on", "one of error, warning, note, never")
                }
                layer.failOn = Located(level, source.origin(line: value.line))
            case "input-shapes":
                for (name, dims) in try mapping(value, key: "input-shapes") {
                    layer.inputShapes[name.text] = Located(try shape(dims, key: "input-shapes.\(name.text)"),
                                                           source.origin(line: name.line))
                }
            case "input-range":
                for (name, bounds) in try mapping(value, key: "input-range") {
                    layer.inputRanges[name.text] = Located(try range(bounds, key: "input-range.\(name.text)"),
                                                           source.origin(line: name.line))
                }
            case "network-bound":
                let text = try string(value, key: "network-bound")
                guard let figure = NetworkBoundFigure(rawValue: text) else {
                    throw invalid(value, "network-bound", "asymptotic or embedding")
                }
                layer.networkBound = Located(figure, source.origin(line: value.line))
            case "rules":
                layer.rules = try rules(value)
            case "overrides":
                layer.overrides = try overrides(value)
            case "exclude":
                for item in try sequence(value, key: "exclude") {
                    layer.exclude.append(ExcludePattern(
                        pattern: try string(item, key: "exclude"), baseDirectory: baseDirectory,
                        origin: source.origin(line: item.line)))
                }
            default:
                throw .unknownKey(file: file, line: key.line, key: key.text, expected: Self.topLevelKeys)
            }
        }
        return layer
    }

    // MARK: - Rules

    private func rules(_ node: ConfigNode) throws(ConfigurationError) -> [RuleID: RuleSettings] {
        var result: [RuleID: RuleSettings] = [:]
        for (key, value) in try mapping(node, key: "rules") {
            guard let descriptor = catalog.descriptor(named: key.text) else {
                throw .unknownRule(file: file, line: key.line, rule: key.text)
            }
            result[descriptor.id] = try settings(value, descriptor: descriptor, keyLine: key.line)
        }
        return result
    }

    /// `off`, a severity word, `on`/`true`, or a mapping of `severity` and options.
    private func settings(_ node: ConfigNode, descriptor: RuleDescriptor, keyLine: Int) throws(ConfigurationError)
        -> RuleSettings
    {
        let origin = source.origin(line: node.line)
        let name = descriptor.id.name
        switch node {
        case .scalar(let s):
            if s.text == "off" || s.bool == false { return RuleSettings(enabled: Located(false, origin)) }
            if s.text == "on" || s.bool == true { return RuleSettings(enabled: Located(true, origin)) }
            if let severity = Severity(rawValue: s.text) {
                return RuleSettings(severity: Located(severity, origin), enabled: Located(true, origin))
            }
            if s.isNull { return RuleSettings() }
            throw invalid(node, name, "off, on, error, warning, note, or a mapping of severity and options")
        case .sequence:
            throw invalid(node, name, "off, on, error, warning, note, or a mapping of severity and options")
        case .mapping(let entries, _):
            var settings = RuleSettings()
            for (key, value) in entries {
                let valueOrigin = source.origin(line: key.line)
                if key.text == "severity" {
                    let text = try string(value, key: "\(name).severity")
                    if text == "off" || (value.scalarBool == false) {
                        settings.enabled = Located(false, valueOrigin)
                        continue
                    }
                    guard let severity = Severity(rawValue: text) else {
                        throw invalid(value, "\(name).severity", "one of error, warning, note, off")
                    }
                    settings.severity = Located(severity, valueOrigin)
                    settings.enabled = Located(true, valueOrigin)
                    continue
                }
                guard let spec = descriptor.option(key.text) else {
                    throw .unknownOption(
                        file: file, line: key.line, rule: name, option: key.text,
                        expected: descriptor.options.map(\.name))
                }
                settings.options[spec.name] = Located(try optionValue(value, spec: spec, rule: name), valueOrigin)
            }
            return settings
        }
    }

    private func optionValue(_ node: ConfigNode, spec: OptionSpec, rule: String) throws(ConfigurationError)
        -> OptionValue
    {
        let key = "\(rule).\(spec.name)"
        let expected = spec.type.description
        switch spec.type {
        case .number(let minimum), .optionalNumber(let minimum):
            if case .scalar(let s) = node, s.isNull, case .optionalNumber = spec.type { return .none }
            guard case .scalar(let s) = node, let v = s.number else { throw invalid(node, key, expected) }
            if let minimum, v < minimum { throw invalid(node, key, expected) }
            return .number(v)
        case .bool:
            guard case .scalar(let s) = node, let b = s.bool else { throw invalid(node, key, expected) }
            return .bool(b)
        case .choice(let words):
            let text = try string(node, key: key)
            guard words.contains(text) else { throw invalid(node, key, expected) }
            return .string(text)
        case .strings:
            var list: [String] = []
            if case .scalar(let s) = node, !s.isNull {
                list = [s.text]
            } else if case .scalar = node {
                list = []
            } else {
                for item in try sequence(node, key: key) { list.append(try string(item, key: key)) }
            }
            return .strings(list)
        }
    }

    // MARK: - Overrides

    private func overrides(_ node: ConfigNode) throws(ConfigurationError) -> [Override] {
        var result: [Override] = []
        for item in try sequence(node, key: "overrides") {
            var globs: [String]?
            var rules: [RuleID: RuleSettings] = [:]
            for (key, value) in try mapping(item, key: "overrides[]") {
                switch key.text {
                case "nodes":
                    if case .scalar(let s) = value {
                        globs = [s.text]
                    } else {
                        var list: [String] = []
                        for g in try sequence(value, key: "overrides.nodes") {
                            list.append(try string(g, key: "overrides.nodes"))
                        }
                        globs = list
                    }
                case "rules":
                    rules = try self.rules(value)
                default:
                    throw .unknownKey(file: file, line: key.line, key: key.text, expected: Self.overrideKeys)
                }
            }
            guard let globs, !globs.isEmpty else {
                throw .invalidValue(
                    file: file, line: item.line, key: "overrides[]", expected: "a non-empty 'nodes' list",
                    got: "none")
            }
            result.append(Override(nodes: globs, rules: rules, origin: source.origin(line: item.line)))
        }
        return result
    }

    // MARK: - Value helpers

    private func invalid(_ node: ConfigNode, _ key: String, _ expected: String) -> ConfigurationError {
        .invalidValue(file: file, line: node.line, key: key, expected: expected, got: node.display)
    }

    private func string(_ node: ConfigNode, key: String) throws(ConfigurationError) -> String {
        guard case .scalar(let s) = node, !s.isNull else { throw invalid(node, key, "a string") }
        return s.text
    }

    private func mapping(_ node: ConfigNode, key: String) throws(ConfigurationError)
        -> [(key: ConfigNode.Scalar, value: ConfigNode)]
    {
        if case .scalar(let s) = node, s.isNull { return [] }
        guard case .mapping(let entries, _) = node else { throw invalid(node, key, "a mapping") }
        return entries
    }

    private func sequence(_ node: ConfigNode, key: String) throws(ConfigurationError) -> [ConfigNode] {
        if case .scalar(let s) = node, s.isNull { return [] }
        guard case .sequence(let items, _) = node else { throw invalid(node, key, "a list") }
        return items
    }

    private func shape(_ node: ConfigNode, key: String) throws(ConfigurationError) -> [Int] {
        let expected = "a list of positive integers, e.g. [1, 3, 224, 224]"
        var dims: [Int] = []
        for item in try sequence(node, key: key) {
            guard case .scalar(let s) = item, let v = s.number, v == v.rounded(), v >= 1, v <= Double(1 << 24) else {
                throw invalid(node, key, expected)
            }
            dims.append(Int(v))
        }
        guard !dims.isEmpty else { throw invalid(node, key, expected) }
        return dims
    }

    private func range(_ node: ConfigNode, key: String) throws(ConfigurationError) -> [Double] {
        let expected = "[low, high] with low ≤ high"
        var bounds: [Double] = []
        for item in try sequence(node, key: key) {
            guard case .scalar(let s) = item, let v = s.number else { throw invalid(node, key, expected) }
            bounds.append(v)
        }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { throw invalid(node, key, expected) }
        return bounds
    }
}

extension ConfigNode {
    var scalarBool: Bool? { if case .scalar(let s) = self { return s.bool } else { return nil } }
}
