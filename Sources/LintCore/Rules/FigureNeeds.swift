import Analysis

/// The analysis figures a rule reads (`Rule.figuresRead`), and what `check` computes: the union over the
/// enabled rules. Size-independent figures (`asymptotic`, `closedForm`, `fantasticFour`, `gram`, `reshaped`,
/// dense layers' norms, the network bound) come as one set, since one pass computes them together; the
/// size-dependent ones (`exact`, `embedding`, `circulant`) one by one, since each has its own cost.
public struct FigureNeeds: Sendable, Hashable {
    /// Whether the size-independent figures and the network bound are read.
    public var sizeIndependent: Bool
    /// Which figures at the input size are read.
    public var sizeDependent: Set<SizeDependentFigure>

    public init(sizeIndependent: Bool, sizeDependent: Set<SizeDependentFigure> = []) {
        self.sizeIndependent = sizeIndependent
        self.sizeDependent = sizeDependent
    }

    /// No figure at all (rules that read weight statistics or the graph only).
    public static let nothing = FigureNeeds(sizeIndependent: false)
    /// The size-independent figures and the network bound.
    public static let sizeIndependentOnly = FigureNeeds(sizeIndependent: true)
    /// Everything `--bounds standard` computes: what a rule that does not say reads.
    public static let standard = FigureNeeds(sizeIndependent: true, sizeDependent: Set(SizeDependentFigure.allCases))

    /// Both needs together.
    public func union(_ other: FigureNeeds) -> FigureNeeds {
        FigureNeeds(
            sizeIndependent: sizeIndependent || other.sizeIndependent,
            sizeDependent: sizeDependent.union(other.sizeDependent))
    }

    /// `self` plus the size-independent figures and `figures` at the input size.
    public static func sizeIndependent(plus figures: Set<SizeDependentFigure>) -> FigureNeeds {
        FigureNeeds(sizeIndependent: true, sizeDependent: figures)
    }

    /// `options` changed to compute exactly these figures: `--bounds standard` restricted to `sizeDependent`
    /// (the size-independent figures at the effort `options.searchEffort` says, by default the standard one),
    /// or `--bounds none` when nothing is read.
    public func applied(to options: AnalysisOptions) -> AnalysisOptions {
        var options = options
        let any = sizeIndependent || !sizeDependent.isEmpty
        options.bounds = any ? .standard : .none
        options.sizeDependentFigures = sizeDependent
        return options
    }

    /// Names of the figures, for `--show-config`: `size-independent`, then `exact`, `embedding`, `circulant`.
    public var names: [String] {
        (sizeIndependent ? ["size-independent"] : []) + sizeDependent.sorted().map(\.rawValue)
    }
}
