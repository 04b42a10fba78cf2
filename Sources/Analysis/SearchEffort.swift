import SpectralKit

/// How much search work a layer's size-independent figures get (`SizeIndependentOptions.fast` or
/// `.standard`). Every figure is certified at either effort; `standard` gives a tighter `asymptotic` interval
/// (and `gram` bound) on large layers, `fast` costs a fraction of the time. Dense layers' figures do not
/// depend on it.
public enum SearchEffort: String, Sendable, Hashable, Codable, CaseIterable {
    case fast
    case standard

    /// The SpectralKit tuning of this effort (before the analysis's own tolerance and memory caps).
    public var tuning: SizeIndependentOptions {
        switch self {
        case .fast: .fast
        case .standard: .standard
        }
    }
}
