import SpectralKit

/// One reported figure of a layer (docs/spectral-methods): what it guarantees (`kind`), whether it holds only
/// for the layer's input size (`sizeSpecific`), and either its named numbers or the reason it is missing.
///
/// Fields keep their order, which is the order reports print them in.
public struct Figure: Sendable {
    /// A named value inside a figure.
    public enum Field: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case flag(Bool)
        case size(Size2D)
        /// A list of numbers (sorted singular values, descending).
        case numbers([Double])
        /// A name (e.g. the sampling grid of `approximation`).
        case text(String)
    }

    public var kind: FigureKind
    public var sizeSpecific: Bool
    public var fields: [(name: String, value: Field)]
    /// Why the figure could not be computed; `fields` is empty then.
    public var reason: String?

    public init(kind: FigureKind, sizeSpecific: Bool, fields: [(name: String, value: Field)]) {
        self.kind = kind
        self.sizeSpecific = sizeSpecific
        self.fields = fields
        self.reason = nil
    }

    /// A figure that could not be computed, with a one-line reason.
    public static func unavailable(kind: FigureKind, sizeSpecific: Bool, reason: String) -> Figure {
        var figure = Figure(kind: kind, sizeSpecific: sizeSpecific, fields: [])
        figure.reason = reason
        return figure
    }

    public var isAvailable: Bool { reason == nil }

    /// The number named `name`, if present.
    public func number(_ name: String) -> Double? {
        for field in fields where field.name == name {
            switch field.value {
            case .number(let v): return v
            case .integer(let i): return Double(i)
            default: return nil
            }
        }
        return nil
    }
}

/// Every figure of one layer. `nil` means "not requested by `--bounds`"; an unavailable figure carries its
/// reason instead. `Codable` for the analysis cache (explicit encoding of `Figure` in `Figure+Codable.swift`).
public struct LayerFigures: Sendable, Codable {
    /// `exact`: the spectral norm of the true zero-padded operator at the input size (Lanczos, tolerance).
    public var exact: Figure?
    /// `embedding`: certified upper bound at the input size (circulant embedding).
    public var embedding: Figure?
    /// `asymptotic`: certified `[lower, upper]` of `σ∞`, valid for every input size.
    public var asymptotic: Figure?
    /// `circulant`: wrap-around spectrum at the input size; an estimate of the zero-padded layer.
    public var circulant: Figure?
    /// `closedForm`: one-line upper bounds on `σ∞` (triangle, blockNorm, schur, frobenius).
    public var closedForm: Figure?
    /// `fantasticFour`: Singla & Feizi's upper bound.
    public var fantasticFour: Figure?
    /// `gram`: spatial Gram iteration upper bound.
    public var gram: Figure?
    /// `reshaped`: the norm of the reshaped weight matrix; not a bound on a conv layer.
    public var reshaped: Figure?
    /// `approximation`: approximate singular values of the zero-padded layer (`--bounds all`).
    public var approximation: Figure?

    public init() {}

    /// The figures in report order with their JSON keys.
    public var named: [(key: String, figure: Figure)] {
        let all: [(String, Figure?)] = [
            ("exact", exact), ("embedding", embedding), ("asymptotic", asymptotic), ("circulant", circulant),
            ("closedForm", closedForm), ("fantasticFour", fantasticFour), ("gram", gram),
            ("reshaped", reshaped), ("approximation", approximation),
        ]
        return all.compactMap { key, figure in figure.map { (key, $0) } }
    }

    /// Whether any figure was requested.
    public var isEmpty: Bool { named.isEmpty }
}
