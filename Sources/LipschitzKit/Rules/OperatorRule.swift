import ONNXModel

/// The rule of one operator family (docs/network-bound.md, "Rules"): given a node of one of its `operators`
/// and the pass that has already propagated every input of the node, the `OutputRule` of each node output.
///
/// A rule reads the pass (states, ranges, constants, shapes, the pre-computed `GraphPatterns`) and returns
/// its results; it never writes another value's state. An operator without a rule makes `L` unknown with a
/// reason — never a silent factor 1.
protocol OperatorRule: Sendable {
    /// The default-domain operator types this rule answers for.
    static var operators: [String] { get }
    /// One `OutputRule` per node output.
    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule]
}
