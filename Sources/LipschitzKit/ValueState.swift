/// What the network pass knows about one value of the graph.
struct ValueState {
    /// False when the value depends on none of the selected inputs: then `L = 0`.
    var dependsOnInput: Bool
    /// The upper bound `L(t)`; `nil` when unknown (then `blockers` is not empty).
    var lipschitz: Double?
    /// Indices of the nodes whose rules failed upstream of this value.
    var blockers: Set<Int>
    /// Element-wise range over the declared input domain.
    var range: Interval
    /// The critical path's best product up to this value and how it was reached.
    var path: PathLink?

    static func independent(_ range: Interval) -> ValueState {
        ValueState(dependsOnInput: false, lipschitz: 0, blockers: [], range: range, path: nil)
    }
}

/// A back pointer of the critical-path dynamic program: the product of factors from an input to this value,
/// the value it came from (`nil` at an input) and the steps of the edge taken.
struct PathLink {
    var product: Double
    var source: String?
    var steps: [PathStep]
}

/// What a node's rule says about one of its outputs.
enum OutputRule {
    /// The output does not depend on the selected inputs (`L = 0`), e.g. `Shape` or integer indices.
    case independent(Interval)
    /// `L(out) ≤ Σ factor·L(source)` (`.sum`) or `√(Σ (factor·L(source))²)` (`.rootSumSquare`).
    case bound(Combine, [Term], Interval)
    /// No rule applies; `reason` is one line.
    case unknown(String, Interval)
    /// The state was computed whole (an If output from its branches): `lipschitz` `nil` means unknown with
    /// `reason`; `path` is the complete critical path from an input.
    case resolved(lipschitz: Double?, range: Interval, path: [PathStep], reason: String)

    enum Combine { case sum, rootSumSquare }

    /// One contribution: the partial Lipschitz bound `factor` of the output with respect to `source`, and the
    /// path steps that edge stands for (usually the node itself with `factor`).
    struct Term {
        var source: String
        var factor: Double
        var steps: [PathStep]
    }

    var range: Interval {
        switch self {
        case .independent(let r), .bound(_, _, let r), .unknown(_, let r), .resolved(_, let r, _, _): return r
        }
    }
}
