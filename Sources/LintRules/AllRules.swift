import LintCore
import ONNXModel

/// Every rule liplint ships, in code order. The CLI builds its `RuleCatalog` from these lists.
public enum AllRules {
    /// The rules over one model (`liplint check`).
    public static var rules: [any Rule] {
        [
            LayerSpectralNormRule(),
            NetworkLipschitzBudgetRule(),
            LipschitzUnknownOpRule(),
            CirculantUnderestimatesRule(),
            IllConditionedLayerRule(),
            OrthogonalityDeviationRule(),
            NonFiniteWeightsRule(),
            DeadFiltersRule(),
            BatchNormScaleRule(),
            StrideSkipsInputRule(),
            AsymmetricPaddingRule(),
            WeightsNotStaticRule(),
            UnsupportedConvRule(),
        ]
    }

    /// The rules over an OLD/NEW pair of models (`liplint diff`).
    public static var diffRules: [any DiffRule] {
        [
            LipschitzGrowthRule(),
        ]
    }

    /// The catalog of every shipped rule.
    public static var catalog: RuleCatalog { RuleCatalog(rules, diffRules: diffRules) }
}
