import Analysis
import LintCore

/// Which layers get a singular-value plot: the `largestCount` layers with the largest certified bound
/// (`asymptotic.upper`; ties by network order), then every layer with a finding in network order, at most
/// `cap` layers in all; plotted in network order.
enum SingularValueSelection {
    static let largestCount = 3
    static let cap = 8

    /// Indices into `layers`, ascending.
    static func indices(_ layers: [LayerAnalysis], findings: [Finding], anchors: ReportAnchors) -> [Int] {
        let bounded = layers.indices.compactMap { k -> (Int, Double)? in
            guard let upper = layers[k].figures.asymptotic.value?.upper, upper.isFinite
            else { return nil }
            return (k, upper)
        }
        let largest = bounded.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(largestCount).map(\.0)
        let flaggedAnchors = Set(findings.compactMap { $0.location.subject == .node ? anchors.anchor(for: $0.location) : nil })
        let flagged = layers.indices.filter { flaggedAnchors.contains(anchors.layers[$0]) }
        var chosen: [Int] = []
        for k in largest + flagged where !chosen.contains(k) && chosen.count < cap { chosen.append(k) }
        return chosen.sorted()
    }
}
