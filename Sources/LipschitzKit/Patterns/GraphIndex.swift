import ONNXModel

/// Read-only queries over one graph's structure (producers, consumers, constants, static shapes), shared by
/// the pattern queries that run before propagation.
struct GraphIndex {
    let graph: Graph
    let producers: [String: Int]
    let consumers: [String: [Int]]
    let graphOutputs: Set<String>
    let constants: ScopedConstants
    let shapes: [String: [Int]]

    /// The node producing `name`, when it is a default-domain `op` (any op when `op` is nil).
    func producer(_ name: String?, _ op: String? = nil) -> Node? {
        guard let name, let index = producers[name] else { return nil }
        let node = graph.nodes[index]
        guard node.isDefaultDomain, op == nil || node.opType == op else { return nil }
        return node
    }

    /// `name` feeds exactly the node `index` and is not a graph output.
    func feedsOnly(_ name: String, _ index: Int) -> Bool {
        !graphOutputs.contains(name) && consumers[name] == [index]
    }

    func shape(_ name: String?) -> [Int]? {
        guard let name, !name.isEmpty else { return nil }
        return shapes[name] ?? constants.tensor(name)?.dims
    }

    /// Integer values of a constant input, or `nil`.
    func ints(_ name: String?) -> [Int]? {
        guard let name, !name.isEmpty, let tensor = constants.tensor(name), let values = try? tensor.doubles() else {
            return nil
        }
        guard values.allSatisfy({ $0.isFinite && abs($0) < 9.2e18 }) else { return nil }
        return values.map { Int($0) }
    }

    func attributeInts(_ node: Node, _ name: String) -> [Int]? {
        node.attribute(name)?.ints?.map { Int(truncatingIfNeeded: $0) }
    }

    func attributeInt(_ node: Node, _ name: String) -> Int? {
        node.attribute(name)?.int.map { Int(truncatingIfNeeded: $0) }
    }
}
