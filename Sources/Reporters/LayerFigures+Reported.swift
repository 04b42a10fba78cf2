import Analysis
import SpectralKit

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
