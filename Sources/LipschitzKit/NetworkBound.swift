/// The whole-network Lipschitz bound of a model (docs/spectral-methods §6): for each graph output, a
/// certified upper bound on its Lipschitz constant in the ℓ2 norm (per sample) with respect to the inputs
/// named in `wrt`, or `unknown` with the operators that prevent one.
///
/// The JSON under `network` in liplint's report mirrors these names exactly. `Codable` for the analysis cache
/// (the report's JSON is written by the reporters, not by this conformance).
public struct NetworkBound: Sendable, Hashable, Codable {
    /// The inputs the bound is with respect to (jointly), in graph order.
    public var wrt: [String]
    /// Which per-layer figure was multiplied: `"asymptotic"` (σ∞, valid for every input size) or
    /// `"embedding"` (valid for the model's input size only), as passed in the options.
    public var boundUsed: String
    /// Whether the bound holds only for the model's input size (as passed in the options).
    public var sizeSpecific: Bool
    /// One entry per graph output, in graph order.
    public var outputs: [OutputBound]
    /// The product of the conv and dense layers' bounds (the layers that depend on `wrt`), which is what most
    /// tools print. **Not a bound** for graphs with sums or activations above 1. `nil` when a layer has no
    /// certified figure or the model has layers inside subgraphs (not propagated).
    public var naiveProduct: Double?

    public init(wrt: [String], boundUsed: String, sizeSpecific: Bool, outputs: [OutputBound], naiveProduct: Double?) {
        self.wrt = wrt
        self.boundUsed = boundUsed
        self.sizeSpecific = sizeSpecific
        self.outputs = outputs
        self.naiveProduct = naiveProduct
    }
}

/// The bound for one graph output.
public struct OutputBound: Sendable, Hashable, Codable {
    /// The output's value name.
    public var name: String
    /// A certified upper bound on the output's ℓ2 Lipschitz constant (0 for an output that depends on none of
    /// the `wrt` inputs); `nil` when `kind` is `"unknown"`.
    public var upper: Double?
    /// `"upper"` or `"unknown"`.
    public var kind: String
    /// The input-to-output chain with the largest product of per-node factors (max-product dynamic program,
    /// ties broken by node order). For a chain graph the product of the factors equals `upper`; otherwise it
    /// is at most `upper`. Empty when `upper` is unknown or 0.
    public var criticalPath: [PathStep]
    /// The operators that make the bound unknown (empty when it is known), in node order.
    public var blockingOps: [BlockingOp]

    public init(name: String, upper: Double?, kind: String, criticalPath: [PathStep], blockingOps: [BlockingOp]) {
        self.name = name
        self.upper = upper
        self.kind = kind
        self.criticalPath = criticalPath
        self.blockingOps = blockingOps
    }
}

/// One node on a critical path with its factor: the bound on the node's output's Lipschitz constant with
/// respect to the path's previous value (a certified upper figure, dimensionless).
public struct PathStep: Sendable, Hashable, Codable {
    /// The node's name, or `<op>_<index>` when the file leaves it empty (as layers are named).
    public var node: String
    public var op: String
    public var factor: Double

    public init(node: String, op: String, factor: Double) {
        self.node = node
        self.op = op
        self.factor = factor
    }
}

/// A node whose rule could not bound its output, so every value downstream of it is unknown.
public struct BlockingOp: Sendable, Hashable, Codable {
    /// The node's name, or `<op>_<index>` when empty.
    public var node: String
    public var op: String
    /// One line: why the node has no bound and, where possible, what would give one.
    public var reason: String

    public init(node: String, op: String, reason: String) {
        self.node = node
        self.op = op
        self.reason = reason
    }
}
