/// What a reported number guarantees (docs/spectral-methods, introduction).
public enum FigureKind: String, Sendable, Codable, CaseIterable {
    /// The quantity itself, to the stated tolerance.
    case exact
    /// A guaranteed upper bound on the quantity it names.
    case upper
    /// A guaranteed lower bound.
    case lower
    /// No guarantee either way.
    case estimate
    /// A number users compare against, which is *not* a bound on the layer (e.g. `reshaped`).
    case notABound = "not-a-bound"
}
