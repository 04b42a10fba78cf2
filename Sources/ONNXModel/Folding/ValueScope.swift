/// What the static pass knows about the values of one graph: constants (stored tensors, decoded on demand,
/// and folded results), full shapes, and for values that are not static, why. A subgraph's scope sees its
/// outer scopes' values unless it defines the same name itself.
///
/// Reference type because subgraph scopes point at their parent; it lives only for one extraction call.
final class ValueScope {
    let parent: ValueScope?
    /// `Graph.path` of the graph this scope belongs to.
    let graphPath: String
    let budget: FoldingBudget
    private var stored: [String: Tensor] = [:]
    private var folded: [String: FoldedTensor] = [:]
    private var shapes: [String: [Int]] = [:]
    private var defined: Set<String> = []
    /// The node that produced each value of this graph.
    private(set) var producers: [String: Node] = [:]
    /// Why a value of this graph is not static, when there is more to say than its producer.
    private var reasons: [String: String] = [:]

    init(graphPath: String, parent: ValueScope?, budget: FoldingBudget) {
        self.graphPath = graphPath
        self.parent = parent
        self.budget = budget
    }

    /// Records a stored tensor (initializer or Constant value) under `name`.
    func defineStored(_ tensor: Tensor, as name: String) {
        defined.insert(name)
        stored[name] = tensor
        folded[name] = nil
        shapes[name] = Self.isAcceptable(tensor.dims) ? tensor.dims : nil
    }

    /// Largest dim a propagated shape may have (2^31 − 1, as `Dimension.fixedValue`); a shape with a larger
    /// or negative dim is dropped as unknown, which keeps all later size arithmetic far from overflow.
    static let maxDimension = Int(Int32.max)

    /// Largest element count of a propagated shape (2^53, exact as a `Double`); counting zero dims as 1, so
    /// that the product of any subset of a shape's dims (channels × pixels, batch × rows ...) cannot overflow.
    static let maxElements = 1 << 53

    /// Whether `dims` may be propagated: every dim in `0...maxDimension`, their product at most `maxElements`.
    static func isAcceptable(_ dims: [Int]) -> Bool {
        var product = 1
        for d in dims {
            guard (0...maxDimension).contains(d) else { return false }
            let (next, overflow) = product.multipliedReportingOverflow(by: Swift.max(d, 1))
            guard !overflow, next <= maxElements else { return false }
            product = next
        }
        return true
    }

    /// Records a value computed in this graph (or a runtime input) with what is known about it.
    func define(_ name: String, shape: [Int]?, constant: FoldedTensor? = nil, producer: Node? = nil, reason: String? = nil) {
        guard !name.isEmpty else { return }
        defined.insert(name)
        stored[name] = nil
        folded[name] = constant
        let candidate = constant?.dims ?? shape
        shapes[name] = candidate.flatMap { Self.isAcceptable($0) ? $0 : nil }
        if let producer { producers[name] = producer }
        if let reason { reasons[name] = reason }
    }

    /// Replaces the shape of a value already defined here (used for value_info fallbacks).
    func setShape(_ name: String, _ shape: [Int]) {
        guard Self.isAcceptable(shape) else { return }
        if defined.contains(name), shapes[name] == nil { shapes[name] = shape }
    }

    /// The scope that defines `name` (this one or an outer one).
    private func owner(of name: String) -> ValueScope? {
        var scope: ValueScope? = self
        while let current = scope {
            if current.defined.contains(name) { return current }
            scope = current.parent
        }
        return nil
    }

    /// Whether `name` has a value known at analysis time (cheap: does not decode).
    func isConstant(_ name: String) -> Bool {
        guard let scope = owner(of: name) else { return false }
        return scope.stored[name] != nil || scope.folded[name] != nil
    }

    /// The stored tensor behind `name`, when it is an initializer or a Constant value (not decoded).
    func storedTensor(_ name: String) -> Tensor? { owner(of: name)?.stored[name] }

    /// The value of `name` when it is static. Stored tensors are decoded on each call; a tensor that fails to
    /// decode is treated as not static, and the failure becomes its `reason`.
    func constant(_ name: String) -> FoldedTensor? {
        guard let scope = owner(of: name) else { return nil }
        if let value = scope.folded[name] { return value }
        guard let tensor = scope.stored[name] else { return nil }
        do {
            return try tensor.foldedValue()
        } catch {
            scope.reasons[name] = "cannot decode '\(name)': \(error)"
            return nil
        }
    }

    /// The full shape of `name`, when known.
    func shape(_ name: String) -> [Int]? { owner(of: name)?.shapes[name] }

    /// The node that computes `name`, when it is computed in this or an outer graph.
    func producer(of name: String) -> Node? { owner(of: name)?.producers[name] }

    /// Whether `name` is defined anywhere in scope.
    func isDefined(_ name: String) -> Bool { owner(of: name) != nil }

    /// The recorded reason why `name` is not static, if any.
    func reason(for name: String) -> String? { owner(of: name)?.reasons[name] }

    /// Every shape known in this scope (not the outer ones).
    var localShapes: [String: [Int]] { shapes }
}
