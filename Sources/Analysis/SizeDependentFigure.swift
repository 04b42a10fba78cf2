/// A per-layer figure computed at the layer's input size (`--bounds standard`). `check` computes only the
/// ones its enabled rules read (`AnalysisOptions.sizeDependentFigures`); `inspect --bounds` computes them all.
public enum SizeDependentFigure: String, Sendable, Codable, CaseIterable, Comparable {
    /// The Lanczos norm at the input size (the expensive one).
    case exact
    /// The certified upper bound at the input size.
    case embedding
    /// The wrap-around (circulant) spectrum at the input size: an estimate.
    case circulant

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
