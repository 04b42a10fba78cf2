import Analysis
import SpectralKit

extension Figure {
    /// Names of fields that are certified upper bounds wherever they appear in an `upper` figure.
    static let upperBoundFields: Set<String> = ["upper", "triangle", "blockNorm", "schur", "frobenius"]

    /// How the field `name` must be rounded when printed for people: `lower` fields down, `upper` fields and the
    /// bounds of an upper figure (`closedForm`'s four) up, everything else (values, estimates, tolerances,
    /// gaps) to nearest.
    public func rounding(of name: String) -> Rounding {
        if name == "lower" { return .down }
        if name == "upper" { return .up }
        if kind == .upper, Self.upperBoundFields.contains(name) { return .up }
        return .nearest
    }

    /// The field `name` as people read it, rounded as `rounding(of:)` says; `nil` when the field is missing.
    public func text(of name: String) -> String? {
        number(name).map { DecimalText.text($0, rounding(of: name)) }
    }
}
