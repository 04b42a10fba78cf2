import ONNXModel

/// Constant lookup for one graph: its own folded values first, then its outer graphs' (a subgraph sees the
/// values of the graphs that contain it).
struct ScopedConstants {
    let values: ConstantValues
    /// Graph paths, innermost first, ending with `"main"`.
    let scopes: [String]

    func tensor(_ name: String) -> Tensor? {
        for scope in scopes { if let t = values.tensor(name, graph: scope) { return t } }
        return nil
    }
}
