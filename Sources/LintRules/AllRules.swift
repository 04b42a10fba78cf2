import LintCore
import ONNXModel

/// Every rule liplint ships, in code order. The CLI builds its `RuleCatalog` from this list.
public enum AllRules {
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

    /// The catalog of every shipped rule.
    public static var catalog: RuleCatalog { RuleCatalog(rules) }
}
