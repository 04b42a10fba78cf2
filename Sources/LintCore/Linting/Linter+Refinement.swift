import Analysis

extension Linter {
    /// What each enabled rule asks to have refined in `analysis` (`Rule.refinement`), in rule code order;
    /// rules that ask for nothing are left out.
    public func refinements(for analysis: ModelAnalysis) -> [(rule: RuleID, request: RefinementRequest)] {
        catalog.rules.compactMap { rule in
            let resolver = SettingResolver(descriptor: rule.descriptor, configuration: configuration)
            guard resolver.isEnabledAnywhere,
                  let request = rule.refinement(RuleInput(analysis: analysis, resolver: resolver)),
                  !request.layers.isEmpty
            else { return nil }
            return (rule.descriptor.id, request)
        }
    }
}
