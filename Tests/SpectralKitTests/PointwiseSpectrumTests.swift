@testable import SpectralKit
import Testing
import TestSupport

/// A 1×1 layer's `exact`, `embedding` and `circulant` figures from one shared `PointwiseSpectrum` equal the
/// figures each computes on its own (bit for bit) and the dense operator's singular values (the oracle), on
/// seeded random 1×1 layers with strides, pads, groups and zero rows and columns.
@Suite struct PointwiseSpectrumTests {
    /// Random 1×1 geometries; some weights zeroed per output channel (dead filter) and per input channel.
    static func cases(seed: UInt64) -> [(def: ConvDefinition, input: Size2D)] {
        var rng = SeededGenerator(seed: seed)
        let count = heavyTests ? 40 : 12
        return (0..<count).map { i in
            let g = [1, 2][Int.random(in: 0...1, using: &rng)]
            let cout = g * Int.random(in: 1...5, using: &rng), cin = g * Int.random(in: 1...5, using: &rng)
            let s = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
            let p = (Int.random(in: 0...2, using: &rng), Int.random(in: 0...2, using: &rng), Int.random(in: 0...2, using: &rng), Int.random(in: 0...2, using: &rng))
            var def = DenseOperatorKernels.randomConv(
                cout: cout, cin: cin, kernel: (1, 1), strides: s, pads: p, group: g, seed: seed &+ UInt64(i))
            let perGroup = cin / g
            if i % 3 == 1 {
                for o in 0..<cout where o % 2 == 0 { for c in 0..<perGroup { def.weight[o * perGroup + c] = 0 } }
            }
            if i % 3 == 2 {
                for o in 0..<cout { def.weight[o * perGroup] = 0 }
            }
            // Inputs that the stride divides, for `circulant`.
            let input = Size2D(s.0 * Int.random(in: 2...4, using: &rng), s.1 * Int.random(in: 2...4, using: &rng))
            return (def, input)
        }
    }

    @Test func sharedValuesGiveTheSameFiguresAsSeparateOnes() throws {
        let plans = FFTPlanCache()
        for (def, input) in Self.cases(seed: 4100) {
            let spec = def.spec
            let shared = try #require(PointwiseSpectrum(spec))
            let exact = try spec.exactNorm(input: input, pointwise: shared)
            let embedding = try spec.embeddingBound(input: input, plans: plans, pointwise: shared)
            let circulant = try spec.circulantSpectrum(input: input, plans: plans, pointwise: shared)
            #expect(exact == (try spec.exactNorm(input: input)), "\(def) at \(input)")
            #expect(embedding == (try spec.embeddingBound(input: input, plans: plans)), "\(def) at \(input)")
            #expect(circulant == (try spec.circulantSpectrum(input: input, plans: plans)), "\(def) at \(input)")
            // With every value requested the shared spectrum is used as well.
            let all = try spec.circulantSpectrum(input: input, plans: plans, includeValues: true, pointwise: shared)
            #expect(all.singularValues == (try spec.circulantSpectrum(input: input, plans: plans, includeValues: true)).singularValues)
        }
    }

    @Test func sharedValuesMatchTheDenseOperator() throws {
        let plans = FFTPlanCache()
        for (def, input) in Self.cases(seed: 4200) {
            let spec = def.spec
            let shared = try #require(PointwiseSpectrum(spec))
            let dense = DenseOperator.norm(DenseOperator.conv(def, input: input.h, input.w))
            let exact = try spec.exactNorm(input: input, pointwise: shared)
            #expect(abs(exact.value - dense) <= 1e-12 * max(1, dense), "\(def) at \(input): \(exact.value) vs \(dense)")
            // The embedding bound of a 1×1 layer that reads some input is the largest value, attained.
            let embedding = try spec.embeddingBound(input: input, plans: plans, pointwise: shared)
            #expect(embedding.upper >= dense * (1 - 1e-12), "\(def) at \(input)")
            let circulant = try spec.circulantSpectrum(input: input, plans: plans, includeValues: true, pointwise: shared)
            let circular = DenseOperator.singularValues(DenseOperator.circular(def, input: input.h, input.w))
            let values = try #require(circulant.singularValues)
            #expect(values.count == circular.count, "\(def) at \(input)")
            for (a, b) in zip(values, circular.sorted(by: >)) {
                #expect(abs(a - b) <= 1e-12 * max(1, circular.max() ?? 0), "\(def) at \(input): \(a) vs \(b)")
            }
        }
    }

    @Test func onlyOneByOneKernelsHaveOne() {
        let def = DenseOperatorKernels.randomConv(cout: 2, cin: 2, kernel: (3, 1), seed: 4300)
        #expect(PointwiseSpectrum(def.spec) == nil)
    }
}
