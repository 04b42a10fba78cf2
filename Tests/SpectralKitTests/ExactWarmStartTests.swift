@testable import SpectralKit
import Testing
import TestSupport

/// Warm Lanczos starts (`ExactStart.frequency`, start vectors of `GolubKahanLanczos`) against dense oracles:
/// the start changes the number of steps, never the figure beyond its tolerance — including starts that are
/// exactly orthogonal to the top singular vectors and operators whose top singular value is repeated.
@Suite struct ExactWarmStartTests {
    typealias K = DenseOperatorKernels

    /// Krylov-sized cases over the structural variety of `ConvolutionSpec`: every operator's smaller side
    /// (per group) is above `LanczosOptions.denseLimit` (96), so Lanczos runs rather than the explicit SVD.
    static func cases(seed: UInt64) -> [(name: String, def: ConvDefinition, input: (Int, Int))] {
        var s = seed
        func next() -> UInt64 { s &+= 1; return s }
        return [
            ("3x3 same", K.randomConv(cout: 3, cin: 3, kernel: (3, 3), pads: (1, 1, 1, 1), seed: next()), (9, 8)),
            ("3x3 valid wide", K.randomConv(cout: 4, cin: 2, kernel: (3, 3), seed: next()), (10, 11)),
            ("5x5 asym pads", K.randomConv(cout: 2, cin: 3, kernel: (5, 5), pads: (2, 1, 3, 2), seed: next()), (8, 9)),
            ("3x3 stride 2", K.randomConv(cout: 4, cin: 3, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), seed: next()), (12, 11)),
            ("4x4 stride 2x1", K.randomConv(cout: 3, cin: 2, kernel: (4, 4), strides: (2, 1), pads: (1, 2, 1, 1), seed: next()), (12, 9)),
            ("dilation 2", K.randomConv(cout: 3, cin: 3, kernel: (3, 3), dilations: (2, 2), pads: (2, 2, 2, 2), seed: next()), (8, 8)),
            ("dilation 2 stride 2", K.randomConv(cout: 4, cin: 2, kernel: (3, 3), strides: (2, 2), dilations: (2, 2), pads: (2, 1, 2, 1), seed: next()), (12, 12)),
            ("groups 2", K.randomConv(cout: 4, cin: 4, kernel: (3, 3), pads: (1, 1, 1, 1), group: 2, seed: next()), (8, 7)),
            ("7x7 stride 2 stem", K.randomConv(cout: 4, cin: 1, kernel: (7, 7), strides: (2, 2), pads: (3, 3, 3, 3), seed: next()), (16, 16)),
        ]
    }

    @Test func warmStartAtTheAsymptoticMaximizerMatchesTheDenseNorm() throws {
        for c in Self.cases(seed: 900) {
            let spec = c.def.spec, input = Size2D(c.input.0, c.input.1)
            let dense = DenseOperator.norm(DenseOperator.conv(c.def, input: c.input.0, c.input.1))
            let w = try #require(SizeIndependentFigures.compute(for: spec).asymptotic.maximizer, "\(c.name)")
            let fig = try spec.exactNorm(input: input, start: .frequency(w))
            #expect(fig.converged, "\(c.name)")
            #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(c.name): \(fig.value) vs \(dense)")
            #expect(fig.lower <= dense * (1 + 1e-12), "\(c.name): lower \(fig.lower) vs \(dense)")
        }
    }

    /// Random geometries (kernel, stride, dilation, groups, pads, size), the Krylov path forced: 30 trials,
    /// 150 with `LIPLINT_HEAVY_TESTS=1`. At the default basis (40) every value is within the tolerance 1e-6.
    /// With a 10-vector basis (a thick restart every few steps) the stopping test's error *estimate* (not a
    /// bound: `LanczosResult.errorEstimates`) is less sharp: measured here, trial 25 ends 1.6e-6 from the
    /// dense norm from the warm start and 5.7e-7 from the random one (every other run of either ≤ 1.7e-7), so
    /// that run is held to 1e-5 and to the guarantees that hold for any start (Ritz and attained values never
    /// above the norm).
    @Test func randomizedWarmStartsMatchTheDenseNorm() throws {
        var rng = SeededGenerator(seed: 960)
        for trial in 0..<(heavyTests ? 150 : 30) {
            let (def, n) = randomSweepCase(&rng, seed: UInt64(5000 + trial), kernelWidths: 2...5, sizes: 6...16)
            guard def.convOutputSize(n.0, n.1) != nil else { continue }
            let dense = DenseOperator.norm(DenseOperator.conv(def, input: n.0, n.1))
            let spec = def.spec
            guard let w = SizeIndependentFigures.compute(for: spec).asymptotic.maximizer else { continue }
            for basis in [40, 10] {
                let options = LanczosOptions(basisSize: basis, denseLimit: 0)
                let fig = try spec.exactNorm(input: Size2D(n.0, n.1), options: options, start: .frequency(w))
                #expect(fig.converged, "\(def) at \(n)")
                let tolerance = basis == 40 ? 1e-6 : 1e-5
                #expect(abs(fig.value - dense) <= tolerance * dense, "\(def) at \(n), basis \(basis): \(fig.value) vs \(dense)")
                #expect(fig.value <= dense * (1 + 1e-12), "\(def) at \(n): Ritz value \(fig.value) above \(dense)")
                #expect(fig.lower <= dense * (1 + 1e-12), "\(def) at \(n): lower \(fig.lower) vs \(dense)")
            }
        }
    }

    @Test func warmStartAtAnyFrequencyMatchesTheDenseNorm() throws {
        var rng = SeededGenerator(seed: 901)
        for c in Self.cases(seed: 910) {
            let spec = c.def.spec, input = Size2D(c.input.0, c.input.1)
            let dense = DenseOperator.norm(DenseOperator.conv(c.def, input: c.input.0, c.input.1))
            // Random points, and the degenerate ones where the plane wave is real (its imaginary part vanishes).
            let points = [
                Frequency(Double.random(in: -4...4, using: &rng), Double.random(in: -4...4, using: &rng)),
                Frequency(0, 0), Frequency(.pi, .pi),
            ]
            for w in points {
                let fig = try spec.exactNorm(input: input, start: .frequency(w))
                #expect(fig.converged, "\(c.name) at \(w)")
                #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(c.name) at \(w): \(fig.value) vs \(dense)")
            }
        }
    }

    @Test func maximizerIsWhereTheOperatorsSymbolAttainsTheLowerValue() throws {
        for c in Self.cases(seed: 920) {
            let spec = c.def.spec
            let a = SizeIndependentFigures.compute(for: spec).asymptotic
            let w = try #require(a.maximizer, "\(c.name)")
            // ‖F(ω)‖ of the operator's own polyphase symbol (dilation included), maximized over groups.
            let norms = (0..<spec.groups).map {
                SpectralDensity(kernel: spec.polyphaseKernel(group: $0)).largestSingularValues(at: [w])[0]
            }
            let upper = norms.map(\.upper).max()!, lowerAt = norms.map(\.lower).max()!
            #expect(upper >= a.lower * (1 - 1e-12), "\(c.name): ‖F(\(w))‖ ≤ \(upper) < lower \(a.lower)")
            #expect(lowerAt <= a.lower * (1 + a.tolerance), "\(c.name): ‖F(\(w))‖ ≥ \(lowerAt) vs lower \(a.lower)")
        }
    }

    /// Start vectors exactly orthogonal (to rounding) to the top four right singular vectors of the dense
    /// operator: the random component of the start still finds the top.
    @Test func startOrthogonalToTheTopSingularVectorsStillConverges() throws {
        var rng = SeededGenerator(seed: 930)
        for c in Self.cases(seed: 930) where c.def.group == 1 {
            let spec = c.def.spec, input = Size2D(c.input.0, c.input.1)
            let matrix = DenseOperator.conv(c.def, input: c.input.0, c.input.1)
            let dense = DenseOperator.norm(matrix)
            let top = DenseOperator.rightSingularVectors(matrix, count: 4)
            let op = try ConvolutionOperator(spec: spec, input: input)
            // Layout check: the operator attains σ₁ on the oracle's top vector.
            let attained = norm(op.apply(top[0]))
            #expect(abs(attained - dense) <= 1e-9 * dense, "\(c.name): layouts differ (\(attained) vs \(dense))")
            let start = (0..<2).map { _ in orthogonalized(rng.normals(op.cols), against: top) }
            for v in start {
                for t in top { #expect(abs(dot(v, t)) <= 1e-12, "\(c.name): start not orthogonal") }
            }
            let r = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: LanczosOptions(), start: start)
            #expect(r.converged, "\(c.name)")
            #expect(abs(r.values[0] - dense) <= 1e-6 * dense, "\(c.name): \(r.values[0]) vs \(dense)")
        }
    }

    /// A matrix with a threefold top singular value and start vectors that are exact singular vectors of
    /// lower values. Without the mixed-in random component the start's Ritz pair is an exact eigenpair (zero
    /// residual) and Lanczos stops at its (wrong) value at once — even beside a random block vector, which
    /// has not entered the projected matrix yet; the mixing prevents it.
    @Test func degenerateTopAndInvariantStartNeedTheRandomComponent() throws {
        var rng = SeededGenerator(seed: 940)
        let n = 300
        var sigma = (0..<n).map { 4.0 * Double(n - $0) / Double(n) }
        (sigma[0], sigma[1], sigma[2]) = (5, 5, 5)
        // A = H_u · diag(σ) · H_w with Householder reflections H = I − 2hhᵀ: right singular vectors H_w e_i.
        let u = unit(rng.normals(n)), w = unit(rng.normals(n))
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                // (H_u Σ H_w)_{ij} = Σ_k H_u[i][k] σ_k H_w[k][j]
                var s = 0.0
                for k in 0..<n {
                    let hu = (i == k ? 1.0 : 0.0) - 2 * u[i] * u[k]
                    let hw = (k == j ? 1.0 : 0.0) - 2 * w[k] * w[j]
                    s += hu * sigma[k] * hw
                }
                a[i * n + j] = s
            }
        }
        let op = MatrixOperator(values: a, rows: n, cols: n)
        func rightVector(_ i: Int) -> [Double] { (0..<n).map { (i == $0 ? 1.0 : 0.0) - 2 * w[i] * w[$0] } }
        let start = [rightVector(5), rightVector(6)]
        let options = LanczosOptions(denseLimit: 8)
        let mixed = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: options, start: start)
        #expect(mixed.converged)
        #expect(abs(mixed.values[0] - 5) <= 1e-6 * 5, "\(mixed.values[0])")
        let top3 = GolubKahanLanczos.topSingularValues(of: op, k: 3, options: LanczosOptions(blockSize: 3, denseLimit: 8), start: start)
        for v in top3.values { #expect(abs(v - 5) <= 1e-6 * 5, "\(top3.values)") }
        let single = LanczosOptions(blockSize: 1, denseLimit: 8)
        let mixedSingle = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: single, start: start)
        #expect(abs(mixedSingle.values[0] - 5) <= 1e-6 * 5, "\(mixedSingle.values[0])")
        let pure = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: single, start: start, randomWeight: 0)
        #expect(pure.values[0] < 5 * (1 - 1e-3), "the pure start should be stuck below the top: \(pure.values[0])")
    }

    /// Two identical channel blocks: every singular value of the layer is repeated.
    @Test func repeatedTopSingularValueOfAConvolution() throws {
        let base = K.randomConv(cout: 2, cin: 2, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 950)
        let (co, ci, kh, kw) = base.weightShape
        var weight = [Double](repeating: 0, count: 2 * co * 2 * ci * kh * kw)
        for block in 0..<2 {
            for o in 0..<co {
                for i in 0..<ci {
                    for t in 0..<(kh * kw) {
                        weight[((block * co + o) * 2 * ci + block * ci + i) * kh * kw + t] = base.weight[(o * ci + i) * kh * kw + t]
                    }
                }
            }
        }
        let def = ConvDefinition(
            weight: weight, weightShape: (2 * co, 2 * ci, kh, kw), strides: (1, 1), dilations: (1, 1), pads: (1, 1, 1, 1),
            group: 1)
        let matrix = DenseOperator.conv(def, input: 9, 9)
        let values = DenseOperator.singularValues(matrix)
        #expect(abs(values[0] - values[1]) <= 1e-12 * values[0], "the top value is repeated")
        let spec = def.spec
        let w = try #require(SizeIndependentFigures.compute(for: spec).asymptotic.maximizer)
        let fig = try spec.exactNorm(input: Size2D(9, 9), start: .frequency(w))
        #expect(fig.converged)
        #expect(abs(fig.value - values[0]) <= 1e-6 * values[0], "\(fig.value) vs \(values[0])")
    }

    private func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
    private func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }
    private func unit(_ x: [Double]) -> [Double] { let n = norm(x); return x.map { $0 / n } }

    /// `x` minus its components along the orthonormal `basis`, twice (classical Gram–Schmidt), normalized.
    private func orthogonalized(_ x: [Double], against basis: [[Double]]) -> [Double] {
        var v = x
        for _ in 0..<2 {
            for b in basis {
                let c = dot(v, b)
                for i in v.indices { v[i] -= c * b[i] }
            }
        }
        return unit(v)
    }
}
