import LipschitzKit

/// The whole-network bound of OLD and NEW: per graph output (matched by name), and as one figure.
public struct NetworkDiff: Sendable, Hashable {
    /// Which per-layer certificate both network bounds multiply: `"asymptotic"` or `"embedding"`.
    public var boundUsed: String
    /// Outputs in NEW's graph order, then OLD's outputs that NEW does not have (in OLD's order).
    public var outputs: [OutputDiff]
    /// The largest per-output bound of OLD and of NEW: a certified upper bound on every output's Lipschitz
    /// constant (for a single-output model, that output's bound). `nil` on a side where some output's bound
    /// is unknown or that has no outputs.
    public var change: BoundChange

    public init(old: NetworkBound, new: NetworkBound) {
        boundUsed = new.boundUsed
        var outputs = new.outputs.map { output in
            OutputDiff(name: output.name, before: old.outputs.first { $0.name == output.name }, after: output)
        }
        let newNames = Set(new.outputs.map(\.name))
        outputs += old.outputs.filter { !newNames.contains($0.name) }.map {
            OutputDiff(name: $0.name, before: $0, after: nil)
        }
        self.outputs = outputs
        change = BoundChange(before: Self.largest(old.outputs), after: Self.largest(new.outputs))
    }

    static func largest(_ outputs: [OutputBound]) -> Double? {
        var result: Double?
        for output in outputs {
            guard let upper = output.upper else { return nil }
            result = max(result ?? upper, upper)
        }
        return result
    }
}
