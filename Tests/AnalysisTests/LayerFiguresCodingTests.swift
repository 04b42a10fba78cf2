import Foundation
import SpectralKit
import Testing
import TestSupport

@testable import Analysis

/// The typed figures through the analysis cache's coding: the three states of a figure (not requested,
/// unavailable with its reason, computed) and every number survive the round trip; a damaged state does not
/// decode (so the entry is ignored, never misread).
@Suite struct LayerFiguresCodingTests {
    static func roundTrip(_ figures: LayerFigures) throws -> LayerFigures {
        let bytes = try AnalysisCacheCoding.encoder().encode(figures)
        return try AnalysisCacheCoding.decoder().decode(LayerFigures.self, from: bytes)
    }

    /// Figures of random numbers (fixed seed), in random states, including non-finite and signed-zero values.
    static func randomFigures(_ rng: inout SeededGenerator) -> LayerFigures {
        func x() -> Double {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: return .infinity
            case 1: return -0.0
            default: return Double.random(in: -1e3...1e3, using: &rng)
            }
        }
        func size() -> Size2D { Size2D(Int.random(in: 1...64, using: &rng), Int.random(in: 1...64, using: &rng)) }
        func values() -> [Double]? { Bool.random(using: &rng) ? (0..<Int.random(in: 0...5, using: &rng)).map { _ in x() } : nil }
        func state<V>(_ make: () -> V) -> FigureValue<V> {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return .notRequested
            case 1: return .unavailable(reason: "reason \(Int.random(in: 0..<1000, using: &rng)): \"quoted\" ±∞")
            default: return .computed(make())
            }
        }
        var f = LayerFigures()
        f.exact = state { .init(value: x(), lower: x(), iterations: Int.random(in: 0...99, using: &rng), tolerance: x(), converged: Bool.random(using: &rng)) }
        f.denseNorm = state { .init(value: x(), lower: x(), upper: x(), kind: FigureKind.allCases.randomElement(using: &rng)!) }
        f.embedding = state { .init(upper: x(), grid: size()) }
        f.asymptotic = state {
            .init(lower: x(), upper: x(), search: Bool.random(using: &rng) ? nil : .init(
                gap: x(), tolerance: x(), converged: Bool.random(using: &rng), grid: size(),
                evaluatedPoints: Int.random(in: 0...9999, using: &rng)))
        }
        f.circulant = state { .init(max: x(), min: x(), grid: size(), singularValues: values()) }
        f.closedForm = state { .init(triangle: x(), blockNorm: x(), schur: x(), frobenius: x()) }
        f.fantasticFour = state { .init(upper: x(), reshapesUsed: Bool.random(using: &rng) ? [3] : [1, 2, 3, 4]) }
        f.gram = state { .init(upper: x(), iterations: Int.random(in: 1...9, using: &rng)) }
        f.reshaped = state { .init(value: x(), kind: .notABound) }
        f.approximation = state {
            .init(max: x(), min: x(), grid: "sine", exactTop: Int.random(in: 0...8, using: &rng), singularValues: values())
        }
        return f
    }

    @Test func everyStateAndNumberSurvivesTheRoundTrip() throws {
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<200 {
            let f = Self.randomFigures(&rng)
            let back = try Self.roundTrip(f)
            #expect(back == f)
            // `==` does not tell 0.0 from -0.0: the printed form does.
            #expect(String(reflecting: back) == String(reflecting: f))
        }
    }

    @Test func theThreeStatesStayDistinct() throws {
        var f = LayerFigures()
        f.exact = .unavailable(reason: "input size unknown (give --input-shape for the model's symbolic dims)")
        f.asymptotic = .computed(.init(lower: 1, upper: 2))
        let back = try Self.roundTrip(f)
        #expect(back.exact.reason == "input size unknown (give --input-shape for the model's symbolic dims)")
        #expect(back.exact.isRequested && !back.exact.isAvailable)
        #expect(!back.embedding.isRequested && back.embedding.reason == nil)
        #expect(back.asymptotic.value == .init(lower: 1, upper: 2))
        #expect(back.asymptotic.value?.search == nil)
        #expect(!back.isEmpty && LayerFigures().isEmpty)
    }

    @Test(arguments: [
        #"{"state":"unavailable"}"#, #"{"state":"computed"}"#, #"{"state":"lost"}"#, #"{"reason":"x"}"#,
        #"{"state":"computed","value":{"upper":"big"}}"#,
    ])
    func aDamagedFigureDoesNotDecode(json: String) {
        #expect(throws: DecodingError.self) {
            try AnalysisCacheCoding.decoder().decode(FigureValue<FantasticFourBound>.self, from: Data(json.utf8))
        }
    }

    /// Through the cache itself: the symbolic input size leaves the size-dependent figures unavailable, and the
    /// hit returns them unavailable with the same reason.
    @Test func anUnavailableFigureKeepsItsReasonThroughTheCache() throws {
        let scratch = try AnalysisCacheTests.Scratch()
        defer { FileIO.remove(scratch.directory) }
        var options = AnalysisCacheTests.options
        options.inputShapes = [:]
        let (fresh, _) = try AnalysisCacheTests.analyze(scratch, options: options, cache: nil)
        _ = try AnalysisCacheTests.analyze(scratch, options: options, cache: scratch.cache())
        let (hit, events) = try AnalysisCacheTests.analyze(scratch, options: options, cache: scratch.cache())
        #expect(events.cacheOutcomes == [.hit])
        let reasons = hit.layers.map { $0.figures.exact.reason }
        #expect(reasons.count == 2 && reasons.allSatisfy { $0?.hasPrefix("input size unknown") == true }, "\(reasons)")
        #expect(hit.layers.allSatisfy { $0.figures.embedding.reason != nil && $0.figures.asymptotic.isAvailable })
        #expect(hit.layers.map(\.figures) == fresh.layers.map(\.figures))
    }
}
