import ONNXModel

/// Maps each default-domain operator type to the `OperatorRule` of its family; vendor-domain nodes go to
/// `VendorActivationRule`. The registry is the single list of operators with a rule (tested against the
/// operator table of docs/network-bound.md).
struct RuleRegistry: Sendable {
    private let rules: [String: any OperatorRule.Type]

    /// Every family of the network bound.
    static let standard = RuleRegistry(families: [
        ConstantSourceRule.self, LayoutRule.self, ActivationRule.self, ArithmeticRule.self, LinearLayerRule.self,
        BatchNormRule.self, PoolingRule.self, ReduceRule.self, ResamplingRule.self, NormalizationRule.self,
        ControlFlowRule.self, RecurrentRule.self, DiscontinuousRule.self,
    ])

    init(families: [any OperatorRule.Type]) {
        var rules: [String: any OperatorRule.Type] = [:]
        for family in families {
            for op in family.operators {
                precondition(rules[op] == nil, "operator \(op) registered twice")
                rules[op] = family
            }
        }
        self.rules = rules
    }

    /// The rule for a default-domain operator type, if any.
    func rule(for opType: String) -> (any OperatorRule.Type)? { rules[opType] }

    /// Operators whose rule gives a bound, `L = 0` or a data-dependent condition (not the ones that are
    /// always unknown: normalizations, recurrent layers, discontinuous ops, Loop/Scan).
    var coveredOperators: Set<String> {
        let alwaysUnknown: [any OperatorRule.Type] = [NormalizationRule.self, RecurrentRule.self, DiscontinuousRule.self]
        return Set(rules.filter { entry in
            !alwaysUnknown.contains { $0 == entry.value } && entry.key != "Loop" && entry.key != "Scan"
        }.keys)
    }

    /// Every operator with an entry (covered or deliberately unknown).
    var registeredOperators: Set<String> { Set(rules.keys) }
}
