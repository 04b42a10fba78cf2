/// A run-time input of the model's main graph with the shape the static shape pass used for it.
public struct ResolvedInput: Sendable, Hashable {
    public var name: String
    /// The full shape used, or `nil` when a dimension stayed unknown (a symbolic dim other than the first,
    /// with no `--input-shape` for it) or the file records no shape.
    public var shape: [Int]?
    /// The dims as recorded in the file (`[]` when the file records no shape).
    public var symbolic: [Dimension]
    /// The element type recorded in the file, if any.
    public var elementType: ElementType?

    public init(name: String, shape: [Int]?, symbolic: [Dimension], elementType: ElementType?) {
        self.name = name
        self.shape = shape
        self.symbolic = symbolic
        self.elementType = elementType
    }
}
