import SpectralKit

/// Which per-layer figures to compute (`--bounds`).
public enum BoundsSelection: String, Sendable, Codable, CaseIterable {
    /// Size-independent figures only: asymptotic, closedForm, fantasticFour, gram, reshaped.
    case fast
    /// `fast` plus the size-dependent exact, embedding and circulant figures (the default).
    case standard
    /// `standard` plus the singular-value approximation.
    case all
}
