import Analysis
import LintCore
import SpectralKit
import Testing

@testable import Reporters

/// The reporters' key/value view of the typed figures: JSON keys in report order, each figure's kind,
/// size-specificity and fields, a dense layer's norm under `exact`, and the rounding of printed fields.
@Suite struct ReportedFigureTests {
    @Test func keysFollowReportOrderAndSkipWhatWasNotRequested() {
        var f = LayerFigures()
        f.approximation = .unavailable(reason: "too large")
        f.reshaped = .computed(.init(value: 1, kind: .notABound))
        f.asymptotic = .computed(.init(lower: 1, upper: 2))
        f.exact = .computed(.init(value: 1.5, lower: 1.4, iterations: 7, tolerance: 1e-6, converged: false))
        #expect(f.reported.map(\.key) == ["exact", "asymptotic", "reshaped", "approximation"])
        #expect(LayerFigures().reported.isEmpty)
        let exact = f.reported("exact")
        #expect(exact?.kind == .estimate && exact?.sizeSpecific == true, "not converged: an estimate")
        #expect(exact?.fields.map(\.name) == ["value", "lower", "iterations", "tolerance", "converged"])
        #expect(exact?.number("iterations") == 7)
        let approximation = f.reported("approximation")
        #expect(approximation?.reason == "too large" && approximation?.fields.isEmpty == true)
        #expect(approximation?.kind == .estimate && approximation?.sizeSpecific == true)
    }

    @Test func aDenseNormIsReportedUnderExactForEverySize() {
        var f = LayerFigures()
        f.denseNorm = .computed(.init(value: 3, lower: 2.9, upper: 3.2, kind: .estimate))
        f.asymptotic = .computed(.init(lower: 2.9, upper: 3.2))
        f.reshaped = .computed(.init(value: 3, kind: .estimate))
        let exact = f.reported("exact")
        #expect(exact?.kind == .estimate && exact?.sizeSpecific == false)
        #expect(exact?.fields.map(\.name) == ["value", "lower", "upper"])
        #expect(f.reported("asymptotic")?.fields.map(\.name) == ["lower", "upper"], "no search for a dense layer")
        #expect(f.reported("reshaped")?.kind == .estimate)
        // Unavailable: the kind and size-specificity the `exact` key stands for (as reports always printed).
        f.denseNorm = .unavailable(reason: "weights not static")
        let missing = f.reported("exact")
        #expect(missing?.reason == "weights not static" && missing?.kind == .exact && missing?.sizeSpecific == true)
    }

    @Test func printedFieldsRoundTheSafeWay() {
        var f = LayerFigures()
        let third = 1.0 / 3
        f.closedForm = .computed(.init(triangle: third, blockNorm: third, schur: third, frobenius: third))
        f.asymptotic = .computed(.init(lower: third, upper: third, search: .init(
            gap: third, tolerance: 1e-3, converged: true, grid: Size2D(4, 4), evaluatedPoints: 9)))
        let closedForm = f.reported("closedForm")
        #expect(closedForm?.text(of: "triangle") == DecimalText.text(third, .up))
        let asymptotic = f.reported("asymptotic")
        #expect(asymptotic?.text(of: "lower") == DecimalText.text(third, .down))
        #expect(asymptotic?.text(of: "upper") == DecimalText.text(third, .up))
        #expect(asymptotic?.text(of: "gap") == DecimalText.text(third, .nearest))
        #expect(DecimalText.text(third, .up) != DecimalText.text(third, .down))
        #expect(asymptotic?.text(of: "missing") == nil)
    }
}
