import Analysis

/// The comparison of two analysed versions of a model, OLD and NEW: every conv and dense layer matched (by
/// node name, then by position, op and weight shape) with its certified bound before and after, and the
/// whole-network bound per output. What `liplint diff` reports and what diff rules read.
///
/// A pure function of the two analyses, which must have been computed with the same options (the same
/// per-layer certificate); the certificate compared is the one the network bound multiplies (`figure`).
public struct ModelDiff: Sendable {
    public var old: ModelAnalysis
    public var new: ModelAnalysis
    /// Which per-layer certificate is compared: `asymptotic.upper` (every input size) or, when the analyses
    /// are size-specific (`--size-specific`, `network-bound: embedding`), `embedding.upper`.
    public var figure: NetworkBoundFigure
    /// Every layer of either model, in report order (see `LayerMatcher`).
    public var layers: [LayerDiff]
    /// The network bounds; `nil` when either analysis has none (`--bounds none`).
    public var network: NetworkDiff?

    public init(old: ModelAnalysis, new: ModelAnalysis) {
        self.old = old
        self.new = new
        let figure: NetworkBoundFigure = new.options.sizeSpecific ? .embedding : .asymptotic
        self.figure = figure
        func sides(_ analysis: ModelAnalysis) -> [DiffLayer] {
            analysis.layers.enumerated().map { DiffLayer($0.element, position: $0.offset, figure: figure) }
        }
        layers = LayerMatcher.match(old: sides(old), new: sides(new))
        if let before = old.network, let after = new.network {
            network = NetworkDiff(old: before, new: after)
        } else {
            network = nil
        }
    }

    /// The number of layer rows with `status`.
    public func count(_ status: LayerDiff.Status) -> Int { layers.filter { $0.status == status }.count }
}
