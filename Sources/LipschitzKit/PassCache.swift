/// The memo tables of one network pass, filled on first use; a memoized value is the one the lookup would
/// compute again, so they never change a result. Owned by `NetworkPass`, written only through `PassView`.
final class PassCache {
    /// `N(t)` of constants and graph inputs (values the pass does not visit), by value name.
    var valueNorms: [String: Double] = [:]

    init(valueNorms: [String: Double] = [:]) { self.valueNorms = valueNorms }
}
