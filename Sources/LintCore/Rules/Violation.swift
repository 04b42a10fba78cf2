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

/// One thing a rule found, before the linter gives it a severity and a fingerprint.
public struct Violation: Sendable, Hashable {
    public var location: FindingLocation
    /// One line, no trailing period: `certified spectral norm 142.3 exceeds 100`.
    public var message: String
    /// The measured value the message is about, when there is one.
    public var value: Double?
    /// The threshold it was compared against.
    public var threshold: Double?

    public init(location: FindingLocation, message: String, value: Double? = nil, threshold: Double? = nil) {
        self.location = location
        self.message = message
        self.value = value
        self.threshold = threshold
    }
}
