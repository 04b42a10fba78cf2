import Analysis

/// Runs every enabled rule over one analysed model and turns violations into findings: per-node severity and
/// `off` from the configuration, `liplint:ignore` suppressions from the model, fingerprints, stable order.
/// A pure function of its inputs.
public struct Linter: Sendable {
    public var catalog: RuleCatalog
    public var configuration: Configuration

    public init(catalog: RuleCatalog, configuration: Configuration) {
        self.catalog = catalog
        self.configuration = configuration
    }

    /// The findings for `analysis`; `fingerprintPath` is the model path that goes into fingerprints
    /// (relative to the baseline's directory when there is one). Runs the single-model rules only.
    public func findings(for analysis: ModelAnalysis, fingerprintPath: String) -> [Finding] {
        let checks = catalog.rules.map { rule in
            (rule.descriptor, { (resolver: SettingResolver) in rule.check(RuleInput(analysis: analysis, resolver: resolver)) })
        }
        return findings(checks, in: analysis, fingerprintPath: fingerprintPath)
    }

    /// The violations of each enabled rule (`check` is called with the rule's resolver) as findings about
    /// `analysis`: severity and `off` per node, suppressions from its metadata, fingerprints, report order.
    func findings(
        _ checks: [(descriptor: RuleDescriptor, check: (SettingResolver) -> [Violation])], in analysis: ModelAnalysis,
        fingerprintPath: String
    ) -> [Finding] {
        let suppressions = Suppressions(metadata: analysis.model.metadata)
        let order = Self.nodeOrder(analysis)
        var findings: [(key: [Int], finding: Finding)] = []
        for (descriptor, check) in checks {
            let resolver = SettingResolver(descriptor: descriptor, configuration: configuration)
            guard resolver.isEnabledAnywhere else { continue }
            let id = descriptor.id
            for violation in check(resolver) {
                let node = violation.location.name
                guard resolver.isEnabled(for: node), !suppressions.suppresses(id, at: violation.location) else { continue }
                let fingerprint = Fingerprint(rule: id.code, path: fingerprintPath, node: node ?? "").hash
                let finding = Finding(
                    rule: id, severity: resolver.severity(for: node), location: violation.location,
                    message: violation.message, value: violation.value, threshold: violation.threshold,
                    fingerprint: fingerprint)
                let position = node.flatMap { order[$0] } ?? (violation.location.subject == .model ? -1 : Int.max)
                findings.append(([position, findings.count], finding))
            }
        }
        // Graph order, then rule code (rules already run in code order), then emission order.
        return findings.sorted { a, b in
            if a.key[0] != b.key[0] { return a.key[0] < b.key[0] }
            if a.finding.rule != b.finding.rule { return a.finding.rule < b.finding.rule }
            return a.key[1] < b.key[1]
        }.map(\.finding)
    }

    /// Position of every node in report order (main graph first, by node index), by qualified name.
    static func nodeOrder(_ analysis: ModelAnalysis) -> [String: Int] {
        analysis.nodePositions.mapValues(\.order)
    }
}
