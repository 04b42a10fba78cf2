import SpectralKit

/// Which per-layer figures to compute (`--bounds`).
public enum BoundsSelection: String, Sendable, Codable, CaseIterable {
    /// No figures: list the layers and their geometry only.
    case none
    /// Size-independent figures only: asymptotic, closedForm, fantasticFour, gram, reshaped.
    case fast
    /// `fast` plus the size-dependent exact, embedding and circulant figures (the default).
    case standard
    /// `standard` plus the singular-value approximation.
    case all

    /// Whether size-independent figures are computed.
    public var includesSizeIndependent: Bool { self != .none }
    /// Whether the size-dependent exact, embedding and circulant figures are computed.
    public var includesSizeDependent: Bool { self == .standard || self == .all }
    /// Whether the approximation of all singular values is computed.
    public var includesApproximation: Bool { self == .all }
}

/// Everything that changes what an analysis computes. Two analyses with equal options of the same file give
/// the same figures.
///
/// The cache key encodes this whole struct (`resultDefining`, through `Codable`), so a field added here is
/// part of every key without further work; a field that cannot change a result (like `jobs`) must be reset
/// in `resultDefining`.
public struct AnalysisOptions: Sendable, Hashable, Codable {
    public var bounds: BoundsSelection
    /// Full shapes for run-time inputs by name (`--input-shape NAME=1x3x224x224`).
    public var inputShapes: [String: [Int]]
    /// Whether full sorted singular-value lists are kept (`--singular-values`).
    public var singularValues: Bool
    /// Relative tolerance of the Lanczos `exact` figure.
    public var exactTolerance: Double
    /// Relative gap `upper/lower − 1` at which the `asymptotic` refinement stops.
    public var asymptoticTolerance: Double
    /// Largest `c_in·n1·n2` for which `approximation` is computed.
    public var approximationLimit: Int
    /// Number of layers analysed at once (`--jobs`); 0 means one per core.
    public var jobs: Int
    /// Inputs the network bound is taken with respect to (`--wrt`); `nil` means every floating-point input.
    public var wrt: [String]?
    /// Declared value ranges of inputs (`--input-range NAME=lo,hi`), for products of input-dependent tensors.
    public var inputRanges: [String: ClosedRange<Double>]
    /// Whether the network bound multiplies the size-specific `embedding` certificates instead of the
    /// size-independent `asymptotic` ones (`--size-specific`; needs `--bounds standard` or `all`).
    public var sizeSpecific: Bool
    /// Which size-dependent figures `bounds` computes: `nil` means all of them (what `--bounds standard` and
    /// `all` say); a set restricts them (`check` asks only for what its enabled rules read). Has no effect
    /// when `bounds` computes no size-dependent figure. The size-independent figures are the same either way.
    public var sizeDependentFigures: Set<SizeDependentFigure>? {
        get { sizeDependentFigureList.map(Set.init) }
        set { sizeDependentFigureList = newValue?.sorted() }
    }
    /// `sizeDependentFigures` in sorted order: the stored and encoded form, so that the cache key's encoding is
    /// canonical (a `Set` encodes in an order that changes from process to process).
    public private(set) var sizeDependentFigureList: [SizeDependentFigure]?
    /// Caps on the memory and work of each layer's figures (`--max-tensor-elements` and friends).
    public var limits: AnalysisLimits
    /// The search effort of the size-independent figures when it is not the one `bounds` implies (`fast` for
    /// `--bounds fast`, `standard` otherwise): `check` without `--bounds` asks for `fast` first and refines the
    /// layers whose verdicts depend on it (`ModelAnalyzer.refine`). `nil`: what `bounds` implies (and absent
    /// from the cache key's encoding, so keys of runs that do not set it are unchanged).
    public var searchEffort: SearchEffort?

    public init(
        bounds: BoundsSelection = .standard, inputShapes: [String: [Int]] = [:], singularValues: Bool = false,
        exactTolerance: Double = 1e-6, asymptoticTolerance: Double = 1e-3, approximationLimit: Int = 1 << 20,
        jobs: Int = 0, wrt: [String]? = nil, inputRanges: [String: ClosedRange<Double>] = [:],
        sizeSpecific: Bool = false, sizeDependentFigures: Set<SizeDependentFigure>? = nil,
        limits: AnalysisLimits = AnalysisLimits(), searchEffort: SearchEffort? = nil
    ) {
        self.limits = limits
        self.searchEffort = searchEffort
        self.bounds = bounds
        self.inputShapes = inputShapes
        self.singularValues = singularValues
        self.exactTolerance = exactTolerance
        self.asymptoticTolerance = asymptoticTolerance
        self.approximationLimit = approximationLimit
        self.jobs = jobs
        self.wrt = wrt
        self.inputRanges = inputRanges
        self.sizeSpecific = sizeSpecific
        self.sizeDependentFigureList = sizeDependentFigures?.sorted()
    }

    /// The search effort the size-independent figures are computed at: `searchEffort`, else `fast` for
    /// `--bounds fast` and `standard` for the other bounds.
    public var effectiveSearchEffort: SearchEffort {
        searchEffort ?? (bounds == .fast ? .fast : .standard)
    }

    /// Whether the size-dependent `figure` is computed: `bounds` includes the size-dependent figures and
    /// `sizeDependentFigures` (when set) names it.
    public func computes(_ figure: SizeDependentFigure) -> Bool {
        bounds.includesSizeDependent && (sizeDependentFigures?.contains(figure) ?? true)
    }
}

extension AnalysisOptions {
    /// These options with every field that cannot change a figure or the network bound reset to a fixed
    /// value: `jobs` (scheduling). What the cache key encodes.
    public var resultDefining: AnalysisOptions {
        var options = self
        options.jobs = 0
        return options
    }
}
