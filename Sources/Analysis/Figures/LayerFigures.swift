import SpectralKit

/// Every figure of one layer (docs/spectral-methods), each typed and in one of three states: not requested
/// (`--bounds`, or no enabled rule reads it), unavailable with its reason, or computed. Reports name and
/// order them (the JSON `bounds` object, the text/markdown/HTML columns); the analysis cache codes them
/// (`FigureValue+Codable.swift`). Numbers are dimensionless operator norms (ℓ2 output norm per ℓ2 input norm).
///
/// `closedForm`, `fantasticFour` and `gram` keep SpectralKit's results as they are; the other figures are
/// nested types that keep what the analysis reports of SpectralKit's results (without, e.g., the input size
/// they were computed for, or singular-value lists that were not asked for).
///
/// A conv layer has every figure but `denseNorm`; a dense layer has `denseNorm`, `asymptotic` (its
/// certificate) and `reshaped`.
public struct LayerFigures: Sendable, Equatable, Codable {
    /// `exact` (convs): the spectral norm of the true zero-padded operator at the input size (Lanczos, to its
    /// tolerance; an estimate when it did not converge). Not a certificate.
    public var exact: FigureValue<Exact>
    /// Dense layers: `|alpha|·‖W‖₂`, exact by SVD or a Lanczos estimate with a certified upper bound; valid
    /// for every input.
    public var denseNorm: FigureValue<DenseNorm>
    /// `embedding` (convs): certified upper bound at the input size (circulant embedding).
    public var embedding: FigureValue<Embedding>
    /// `asymptotic`: certified `[lower, upper]` of `σ∞`, valid for every input size; the certificate the
    /// network bound multiplies (a dense layer's is its norm, or the norm's certified upper bound).
    public var asymptotic: FigureValue<Asymptotic>
    /// `circulant` (convs): the wrap-around spectrum at the input size; an estimate of the zero-padded layer.
    public var circulant: FigureValue<Circulant>
    /// `closedForm` (convs): one-line certified upper bounds on `σ∞` (SpectralKit's result as computed).
    public var closedForm: FigureValue<ClosedFormBounds>
    /// `fantasticFour` (convs): Singla & Feizi's certified upper bound on `σ∞` (SpectralKit's result).
    public var fantasticFour: FigureValue<FantasticFourBound>
    /// `gram` (convs): the spatial Gram-iteration certified upper bound on `σ∞` (SpectralKit's result).
    public var gram: FigureValue<GramIterationBound>
    /// `reshaped`: the norm of the reshaped weight matrix; not a bound on a conv layer.
    public var reshaped: FigureValue<Reshaped>
    /// `approximation` (convs, `--bounds all`): approximate singular values of the zero-padded layer.
    public var approximation: FigureValue<Approximation>

    /// No figure requested.
    public init() {
        exact = .notRequested
        denseNorm = .notRequested
        embedding = .notRequested
        asymptotic = .notRequested
        circulant = .notRequested
        closedForm = .notRequested
        fantasticFour = .notRequested
        gram = .notRequested
        reshaped = .notRequested
        approximation = .notRequested
    }

    /// Whether no figure was requested.
    public var isEmpty: Bool {
        ![
            exact.isRequested, denseNorm.isRequested, embedding.isRequested, asymptotic.isRequested,
            circulant.isRequested, closedForm.isRequested, fantasticFour.isRequested, gram.isRequested,
            reshaped.isRequested, approximation.isRequested,
        ].contains(true)
    }
}
