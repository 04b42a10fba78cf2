/// Where a finding is: a node of the graph, a graph output, or the model as a whole.
public struct FindingLocation: Sendable, Hashable {
    /// What `name` names.
    public enum Subject: String, Sendable, Hashable {
        case node
        case output
        case model
    }

    public var subject: Subject
    /// The node name (qualified by its subgraph path outside the main graph), the output name, or `nil`.
    public var name: String?
    /// The node's position in its graph, when a node.
    public var nodeIndex: Int?
    /// The ONNX operator, when a node.
    public var op: String?

    public init(subject: Subject, name: String?, nodeIndex: Int? = nil, op: String? = nil) {
        self.subject = subject
        self.name = name
        self.nodeIndex = nodeIndex
        self.op = op
    }

    /// A node location; `graph` other than `"main"` qualifies the name (`main/If_3.then_branch/conv`).
    public static func node(_ name: String, graph: String = "main", index: Int?, op: String?) -> FindingLocation {
        FindingLocation(subject: .node, name: graph == "main" ? name : "\(graph)/\(name)", nodeIndex: index, op: op)
    }

    public static func output(_ name: String) -> FindingLocation { FindingLocation(subject: .output, name: name) }

    public static let model = FindingLocation(subject: .model, name: nil)
}
