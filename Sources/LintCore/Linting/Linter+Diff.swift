import Analysis

extension Linter {
    /// The findings of the diff rules for `diff`, located in and ordered by the NEW model, with NEW's
    /// `liplint:ignore` suppressions; `fingerprintPath` is NEW's path. Runs the diff rules only.
    public func findings(for diff: ModelDiff, fingerprintPath: String) -> [Finding] {
        let checks = catalog.diffRules.map { rule in
            (rule.descriptor, { (resolver: SettingResolver) in rule.check(DiffRuleInput(diff: diff, resolver: resolver)) })
        }
        return findings(checks, in: diff.new, fingerprintPath: fingerprintPath)
    }
}
