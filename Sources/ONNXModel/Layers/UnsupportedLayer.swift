/// A conv-like node that liplint does not analyse (3-D convs, DeformConv, vendor-domain convs, ...). Listed
/// so that the gap is visible, never silently skipped.
public struct UnsupportedLayer: Sendable, Hashable {
    public var name: String
    public var nodeIndex: Int
    public var graph: String
    public var op: String
    public var reason: String
    public init(name: String, nodeIndex: Int, graph: String, op: String, reason: String) {
        self.name = name
        self.nodeIndex = nodeIndex
        self.graph = graph
        self.op = op
        self.reason = reason
    }
}
