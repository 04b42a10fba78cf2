import Analysis
import LintCore
import SpectralKit

/// One figure of a layer as reports show it: its JSON key, its kind, whether it holds for the input size
/// only, and either its named fields in the order reports print them or the reason it is missing.
///
/// This is the one place that turns the typed `LayerFigures` into names: the JSON `bounds` object (its keys,
/// their order and each figure's fields are the report schema), the text/markdown/HTML columns and the lists
/// of figures not computed.
struct ReportedFigure {
    /// A named value inside a figure.
    enum Field: Equatable {
        case number(Double)
        case integer(Int)
        case flag(Bool)
        case size(Size2D)
        /// A list of numbers (sorted singular values, descending).
        case numbers([Double])
        /// A name (e.g. the sampling grid of `approximation`).
        case text(String)
    }

    var key: String
    var kind: FigureKind
    var sizeSpecific: Bool
    /// Empty when the figure is unavailable.
    var fields: [(name: String, value: Field)]
    /// Why the figure could not be computed; `nil` when it was.
    var reason: String?

    var isAvailable: Bool { reason == nil }

    /// The number named `name`, if present.
    func number(_ name: String) -> Double? {
        for field in fields where field.name == name {
            switch field.value {
            case .number(let v): return v
            case .integer(let i): return Double(i)
            default: return nil
            }
        }
        return nil
    }

    /// Names of fields that are certified upper bounds wherever they appear in an `upper` figure.
    static let upperBoundFields: Set<String> = ["upper", "triangle", "blockNorm", "schur", "frobenius"]

    /// How the field `name` must be rounded when printed for people: `lower` fields down, `upper` fields and
    /// the bounds of an upper figure (`closedForm`'s four) up, everything else (values, estimates, tolerances,
    /// gaps) to nearest.
    func rounding(of name: String) -> Rounding {
        if name == "lower" { return .down }
        if name == "upper" { return .up }
        if kind == .upper, Self.upperBoundFields.contains(name) { return .up }
        return .nearest
    }

    /// The field `name` as people read it, rounded as `rounding(of:)` says; `nil` when the field is missing.
    func text(of name: String) -> String? {
        number(name).map { DecimalText.text($0, rounding(of: name)) }
    }
}
