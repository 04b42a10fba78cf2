import Foundation
import LintCore
import ONNXModel

/// `liplint check --show-config`: the merged configuration as YAML that `liplint` would accept back, every
/// value followed by a comment saying where it came from (built-in default, preset, file:line, command line).
public enum CheckConfigReporter {
    public static func render(_ configuration: Configuration, catalog: RuleCatalog, appliesTo: String) -> String {
        var lines: [(text: String, origin: String?)] = []
        func add(_ text: String, _ origin: Origin? = nil) { lines.append((text, origin?.description)) }

        let chain = configuration.sources.map(\.description).joined(separator: " -> ")
        add("# configuration for \(appliesTo): \(chain.isEmpty ? "built-in defaults" : chain)")
        add("fail-on: \(configuration.failOn.value.rawValue)", configuration.failOn.origin)
        if !configuration.inputShapes.isEmpty {
            add("input-shapes:")
            for (name, shape) in configuration.inputShapes.sorted(by: { $0.key < $1.key }) {
                add("  \(key(name)): [\(shape.value.map(String.init).joined(separator: ", "))]", shape.origin)
            }
        }
        if !configuration.inputRanges.isEmpty {
            add("input-range:")
            for (name, range) in configuration.inputRanges.sorted(by: { $0.key < $1.key }) {
                add("  \(key(name)): [\(range.value.map(OptionValue.format).joined(separator: ", "))]", range.origin)
            }
        }
        add("network-bound: \(configuration.networkBound.value.rawValue)", configuration.networkBound.origin)
        add("rules:")
        for descriptor in catalog.descriptors {
            let resolver = SettingResolver(descriptor: descriptor, configuration: configuration)
            let settings = resolver.settings(for: nil)
            var note = "  # \(descriptor.id.code)"
            if !resolver.allowedByCommandLine {
                let origin = configuration.ignored?.value.contains(descriptor.id) == true
                    ? configuration.ignored?.origin : configuration.selected?.origin
                note += ", not run: \(origin?.description ?? "command line")"
            }
            if settings.enabled?.value == false {
                add("  \(descriptor.id.name): off" + note, settings.enabled?.origin)
                continue
            }
            add("  \(descriptor.id.name):" + note)
            add("    severity: \(resolver.severity(for: nil).rawValue)", settings.severity?.origin ?? .builtIn)
            for spec in descriptor.options {
                let value = settings.options[spec.name]
                add("    \(spec.name): \(value?.value.description ?? spec.defaultValue.description)",
                    value?.origin ?? .builtIn)
            }
        }
        if !configuration.overrides.isEmpty {
            add("overrides:")
            for override in configuration.overrides {
                add("  - nodes: [\(override.nodes.map(quoted).joined(separator: ", "))]", override.origin)
                add("    rules:")
                for (id, settings) in override.rules.sorted(by: { $0.key < $1.key }) {
                    add("      \(id.name):  # \(id.code)")
                    if let enabled = settings.enabled, !enabled.value { add("        severity: off", enabled.origin) }
                    if let severity = settings.severity { add("        severity: \(severity.value.rawValue)", severity.origin) }
                    for (name, value) in settings.options.sorted(by: { $0.key < $1.key }) {
                        add("        \(name): \(value.value.description)", value.origin)
                    }
                }
            }
        }
        if !configuration.exclude.isEmpty {
            add("exclude:")
            for pattern in configuration.exclude { add("  - \(quoted(pattern.pattern))", pattern.origin) }
        }
        let width = lines.filter { $0.origin != nil }.map(\.text.count).max() ?? 0
        return lines.map { line in
            guard let origin = line.origin else { return line.text }
            return line.text + String(repeating: " ", count: width - line.text.count) + "  # "
                + DisplayText.escaped(origin)
        }.joined(separator: "\n") + "\n"
    }

    /// A mapping key, quoted only when YAML needs it.
    static func key(_ s: String) -> String {
        let plain = !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "_-./".contains($0) }
        return plain ? s : quoted(s)
    }

    /// A YAML double-quoted string; control characters as YAML escapes (`\x1B`), so that the printed
    /// configuration stays one line per value, reads back as the same text, and sends no terminal sequence.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            case _ where (0x80...0x9F).contains(scalar.value):
                out += "\\u00" + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
