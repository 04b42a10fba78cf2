import ONNXModel

/// Maps each default-domain operator type to the `OperatorRule` of its family; vendor-domain nodes go to
/// `VendorActivationRule`. The registry is the single list of operators with a rule (tested against the
/// operator table of docs/network-bound.md).
struct RuleRegistry: Sendable {
    private let rules: [String: any OperatorRule]

    /// Every family of the network bound.
    static let standard = RuleRegistry(families: [
        ConstantSourceRule(), LayoutRule(), ActivationRule(), ArithmeticRule(), LinearLayerRule(), BatchNormRule(),
        PoolingRule(), ReduceRule(), ResamplingRule(), NormalizationRule(), ControlFlowRule(), RecurrentRule(),
        DiscontinuousRule(),
    ])

    init(families: [any OperatorRule]) {
        var rules: [String: any OperatorRule] = [:]
        for family in families {
            for op in type(of: family).operators {
                precondition(rules[op] == nil, "operator \(op) registered twice")
                rules[op] = family
            }
        }
        self.rules = rules
    }

    /// The rule for a default-domain operator type, if any.
    func rule(for opType: String) -> (any OperatorRule)? { rules[opType] }

    /// Operators whose rule gives a bound, `L = 0` or a data-dependent condition (not the ones that are
    /// always unknown: normalizations, recurrent layers, discontinuous ops, Loop/Scan).
    var coveredOperators: Set<String> {
        Set(rules.filter { !($0.value is NormalizationRule || $0.value is RecurrentRule || $0.value is DiscontinuousRule)
            && $0.key != "Loop" && $0.key != "Scan" }.keys)
    }

    /// Every operator with an entry (covered or deliberately unknown).
    var registeredOperators: Set<String> { Set(rules.keys) }
}
