/// The largest and smallest singular value of a symbol over a frequency grid
/// (`SymbolSampler.extremeSingularValues`), exact up to the rounding of one SVD.
struct SymbolExtremes: Sendable, Hashable {
    /// Largest singular value over the grid.
    let max: Double
    /// Smallest singular value over the grid (`.infinity` when not requested).
    let min: Double
    /// How many frequencies needed their own SVD.
    let decompositions: Int
}
