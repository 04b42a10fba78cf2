/// `network-bound:` in the configuration: which certified per-layer figure the network bound multiplies.
public enum NetworkBoundFigure: String, Sendable, Hashable, CaseIterable {
    /// `asymptotic.upper`: the network bound holds for every input size (the default).
    case asymptotic
    /// `embedding.upper`: tighter, holds for the configured input size only (as `--size-specific`).
    case embedding
}
