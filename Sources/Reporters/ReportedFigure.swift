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

extension LayerFigures {
    /// The requested figures in report order with their JSON keys. A dense layer's norm is reported under
    /// `exact` (the key the report schema has always used for it). An unavailable figure reports the kind and
    /// size-specificity its key stands for.
    var reported: [ReportedFigure] {
        typealias Fields = [(name: String, value: ReportedFigure.Field)]
        var out: [ReportedFigure] = []
        func add<V>(
            _ key: String, _ figure: FigureValue<V>, unavailable: (kind: FigureKind, sizeSpecific: Bool),
            _ describe: (V) -> (kind: FigureKind, sizeSpecific: Bool, fields: Fields)
        ) {
            switch figure {
            case .notRequested: return
            case .unavailable(let reason):
                out.append(ReportedFigure(
                    key: key, kind: unavailable.kind, sizeSpecific: unavailable.sizeSpecific, fields: [], reason: reason))
            case .computed(let value):
                let d = describe(value)
                out.append(ReportedFigure(key: key, kind: d.kind, sizeSpecific: d.sizeSpecific, fields: d.fields))
            }
        }
        add("exact", exact, unavailable: (.exact, true)) { e in
            (e.kind, true, [
                ("value", .number(e.value)), ("lower", .number(e.lower)), ("iterations", .integer(e.iterations)),
                ("tolerance", .number(e.tolerance)), ("converged", .flag(e.converged)),
            ])
        }
        add("exact", denseNorm, unavailable: (.exact, true)) { d in
            (d.kind, false, [("value", .number(d.value)), ("lower", .number(d.lower)), ("upper", .number(d.upper))])
        }
        add("embedding", embedding, unavailable: (.upper, true)) { e in
            (.upper, true, [("upper", .number(e.upper)), ("grid", .size(e.grid))])
        }
        add("asymptotic", asymptotic, unavailable: (.upper, false)) { a in
            var fields: Fields = [("lower", .number(a.lower)), ("upper", .number(a.upper))]
            if let s = a.search {
                fields += [
                    ("gap", .number(s.gap)), ("tolerance", .number(s.tolerance)), ("converged", .flag(s.converged)),
                    ("grid", .size(s.grid)), ("evaluatedPoints", .integer(s.evaluatedPoints)),
                ]
            }
            return (.upper, false, fields)
        }
        add("circulant", circulant, unavailable: (.estimate, true)) { c in
            var fields: Fields = [("max", .number(c.max)), ("min", .number(c.min)), ("grid", .size(c.grid))]
            if let values = c.singularValues { fields.append(("singularValues", .numbers(values))) }
            return (.estimate, true, fields)
        }
        add("closedForm", closedForm, unavailable: (.upper, false)) { c in
            (.upper, false, [
                ("triangle", .number(c.triangle)), ("blockNorm", .number(c.blockNorm)), ("schur", .number(c.schur)),
                ("frobenius", .number(c.frobenius)),
            ])
        }
        add("fantasticFour", fantasticFour, unavailable: (.upper, false)) { f in
            (.upper, false, [("upper", .number(f.upper))])
        }
        add("gram", gram, unavailable: (.upper, false)) { g in
            (.upper, false, [("upper", .number(g.upper)), ("iterations", .integer(g.iterations))])
        }
        add("reshaped", reshaped, unavailable: (.notABound, false)) { r in
            (r.kind, false, [("value", .number(r.value))])
        }
        add("approximation", approximation, unavailable: (.estimate, true)) { a in
            var fields: Fields = [
                ("max", .number(a.max)), ("min", .number(a.min)), ("grid", .text(a.grid)),
                ("exactTop", .integer(a.exactTop)),
            ]
            if let values = a.singularValues { fields.append(("singularValues", .numbers(values))) }
            return (.estimate, true, fields)
        }
        return out
    }

    /// The reported figure under `key`, when requested.
    func reported(_ key: String) -> ReportedFigure? {
        reported.first { $0.key == key }
    }
}
