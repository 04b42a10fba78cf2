import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// `docs/config.schema.json` (what editors complete from) lists exactly the rules, options and defaults the
/// loader accepts.
@Suite struct ConfigSchemaTests {
    func schema() throws -> [String: Any] {
        let url = LiplintProcess.packageRoot.appendingPathComponent("docs/config.schema.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func topLevelKeys() throws {
        let properties = try #require(try schema()["properties"] as? [String: Any])
        #expect(Set(properties.keys) == ["extends", "fail-on", "input-shapes", "input-range", "network-bound", "rules", "overrides", "exclude"])
    }

    @Test func everyRuleAndOptionWithItsDefault() throws {
        let defs = try #require(try schema()["$defs"] as? [String: Any])
        let rules = try #require(defs["rules"] as? [String: Any])
        let names = try #require((rules["propertyNames"] as? [String: Any])?["enum"] as? [String])
        let descriptors = AllRules.catalog.descriptors
        #expect(Set(names) == Set(descriptors.flatMap { [$0.id.name, $0.id.code] }))
        let properties = try #require(rules["properties"] as? [String: Any])
        for d in descriptors {
            for key in [d.id.name, d.id.code] {
                let ref = try #require((properties[key] as? [String: String])?["$ref"], "\(key)")
                let def = try #require(defs[String(ref.dropFirst("#/$defs/".count))] as? [String: Any], "\(ref)")
                let branches = try #require(def["oneOf"] as? [[String: Any]])
                let object = try #require(branches.first { $0["type"] as? String == "object" })
                let options = try #require(object["properties"] as? [String: Any])
                #expect(Set(options.keys) == Set(["severity"] + d.options.map(\.name)), "\(key)")
                for spec in d.options {
                    let declared = (options[spec.name] as? [String: Any])?["default"]
                    switch spec.defaultValue {
                    case .number(let v): #expect((declared as? Double) == v, "\(key).\(spec.name)")
                    case .string(let s): #expect((declared as? String) == s, "\(key).\(spec.name)")
                    case .strings(let list): #expect((declared as? [String]) == list, "\(key).\(spec.name)")
                    default: break
                    }
                }
            }
        }
    }
}
