import Analysis

/// Which figures `liplint check` computes for a model under a configuration: the union of what every enabled
/// rule reads (`Rule.figuresRead`) with the options it has anywhere (model-wide and under each combination of
/// the `overrides:` that configure it), plus what the network bound multiplies (`network-bound: embedding`
/// needs the `embedding` figure). `--bounds` on the command line replaces the plan with an explicit set.
public struct FigurePlan: Sendable {
    /// Each enabled rule's needs, in code order (rules that read nothing included, with `.nothing`).
    public var byRule: [(id: RuleID, needs: FigureNeeds)]
    /// Whether the network bound multiplies the size-specific `embedding` certificates.
    public var sizeSpecificNetworkBound: Bool
    /// Figures at the input size computed although no rule reads them (`--singular-values` keeps the circulant
    /// spectrum's values).
    public var extraSizeDependent: Set<SizeDependentFigure> = []

    /// Overrides of one rule beyond which every combination is no longer tried (all figures are computed
    /// instead, which is never wrong, only slower).
    static let overrideCombinationLimit = 6

    public init(catalog: RuleCatalog, configuration: Configuration, sizeSpecific: Bool = false) {
        byRule = catalog.rules.compactMap { rule in
            let resolver = SettingResolver(descriptor: rule.descriptor, configuration: configuration)
            guard resolver.isEnabledAnywhere else { return nil }
            return (rule.descriptor.id, Self.needs(of: rule, resolver: resolver))
        }
        sizeSpecificNetworkBound = sizeSpecific || configuration.networkBound.value == .embedding
    }

    /// Everything the run computes.
    public var needs: FigureNeeds {
        var all = byRule.reduce(FigureNeeds.nothing) { $0.union($1.needs) }
        if sizeSpecificNetworkBound { all.sizeDependent.insert(.embedding) }
        all.sizeDependent.formUnion(extraSizeDependent)
        return all
    }

    /// Whether the size-independent figures are computed at the fast search effort first and refined where a
    /// verdict depends on them (`EffortRefinement`): whenever they are computed, unless some rule reads the
    /// Lanczos `exact` figure, whose start vector comes from the `asymptotic` search (then every layer gets the
    /// standard effort, as with `--bounds standard`).
    public var refinesFromFast: Bool {
        let needs = self.needs
        return (needs.sizeIndependent || !needs.sizeDependent.isEmpty) && !needs.sizeDependent.contains(.exact)
    }

    /// `options` changed to compute what the plan needs (`FigureNeeds.applied`), at the fast search effort
    /// when `refinesFromFast`.
    public func applied(to options: AnalysisOptions) -> AnalysisOptions {
        var options = needs.applied(to: options)
        options.searchEffort = refinesFromFast ? .fast : nil
        return options
    }

    /// The union of `rule`'s needs over the settings a node can have: the model-wide settings merged with
    /// every subset of the overrides that configure the rule (in file order, as `SettingResolver` merges them).
    static func needs(of rule: any Rule, resolver: SettingResolver) -> FigureNeeds {
        let id = rule.descriptor.id
        let base = resolver.configuration.rules[id] ?? RuleSettings()
        let overrides = resolver.configuration.overrides.compactMap { $0.rules[id] }
        guard overrides.count <= overrideCombinationLimit else { return .standard }
        var needs = FigureNeeds.nothing
        for mask in 0..<(1 << overrides.count) {
            var settings = base
            for (k, top) in overrides.enumerated() where mask & (1 << k) != 0 { settings = settings.merged(with: top) }
            guard settings.enabled?.value ?? true else { continue }
            var values = rule.descriptor.defaultOptions
            for (name, value) in settings.options { values.values[name] = value.value }
            needs = needs.union(rule.figuresRead(with: values))
        }
        return needs
    }
}
