/// Layers whose verdict under one rule could change if their size-independent figures were recomputed at the
/// standard search effort: what a rule asks of a `check` that computed them at the fast effort first
/// (`Rule.refinement`). Asking for a layer never changes a certified figure into an uncertified one; it only
/// costs the layer's standard search.
public struct RefinementRequest: Sendable, Hashable {
    /// Indices into `ModelAnalysis.layers`.
    public var layers: [Int]
    /// Why, as a short phrase for `--verbose` (e.g. "the certified interval contains max").
    public var reason: String

    public init(layers: [Int], reason: String) {
        self.layers = layers
        self.reason = reason
    }
}
