import Foundation
@testable import SpectralKit
import Testing
import TestSupport

@Suite struct GramTests {
    @Test func onesRowIsBoundedByTwoNotByItsRowSum() {
        // t = 0 would give the row sum 1 < σ∞ = 2; from t = 1 the bound is valid (here exact).
        let spec = ConvolutionSpec(weight: [1, 1, 1, 1], outChannels: 1, inChannelsPerGroup: 4, kernel: Size2D(1, 1))
        let g = SizeIndependentFigures.compute(for: spec).gram!
        #expect(g.iterations >= 1 && abs(g.upper - 2) < 1e-9)
    }

    /// `G_1[a, b, Δ] = Σ_c Σ_τ K[a, c, τ]·K[b, c, τ − Δ]` (full cross-correlation) computed directly.
    private func spatialGram(_ k: StrideOneKernel) -> (values: [Double], c: Int, size: Size2D) {
        let c = k.outChannels
        let (kh, kw) = (k.size.h, k.size.w)
        let size = Size2D(2 * kh - 1, 2 * kw - 1)
        var g = [Double](repeating: 0, count: c * c * size.product)
        for a in 0..<c { for b in 0..<c { for j in 0..<k.inChannels {
            for p in 0..<kh { for q in 0..<kw { for p2 in 0..<kh { for q2 in 0..<kw {
                let (dp, dq) = (p - p2 + kh - 1, q - q2 + kw - 1)
                g[((a * c + b) * size.h + dp) * size.w + dq] += k[a, j, p, q] * k[b, j, p2, q2]
            } } } }
        } } }
        return (g, c, size)
    }

    /// `H[a, b] = Σ_c G[a, c] ⋆ G[b, c]` for a Gram kernel (correlation of spatial arrays).
    private func square(_ g: [Double], c: Int, size: Size2D) -> ([Double], Size2D) {
        let out = Size2D(2 * size.h - 1, 2 * size.w - 1)
        var h = [Double](repeating: 0, count: c * c * out.product)
        for a in 0..<c { for b in 0..<c { for m in 0..<c {
            for p in 0..<size.h { for q in 0..<size.w { for p2 in 0..<size.h { for q2 in 0..<size.w {
                let (dp, dq) = (p - p2 + size.h - 1, q - q2 + size.w - 1)
                h[((a * c + b) * out.h + dp) * out.w + dq] +=
                    g[((a * c + m) * size.h + p) * size.w + q] * g[((b * c + m) * size.h + p2) * size.w + q2]
            } } } }
        } } }
        return (h, out)
    }

    private func rowSumBound(_ g: [Double], c: Int, size: Size2D, iterations t: Int) -> Double {
        var best = 0.0
        for a in 0..<c {
            var s = 0.0
            for b in 0..<c { for e in 0..<size.product { s += abs(g[(a * c + b) * size.product + e]) } }
            best = max(best, s)
        }
        return pow(best, 1 / Double(1 << t))
    }

    @Test func frequencyDomainIterationEqualsTheSpatialDefinition() {
        var rng = SeededGenerator(seed: 51)
        let k = StrideOneKernel(outChannels: 2, inChannels: 3, size: Size2D(3, 2), values: rng.normals(36))
        let (g1, c, s1) = spatialGram(k)
        let (g2, s2) = square(g1, c: c, size: s1)
        for (t, expected) in [(1, rowSumBound(g1, c: c, size: s1, iterations: 1)),
                              (2, rowSumBound(g2, c: c, size: s2, iterations: 2))] {
            let b = SpatialGramIteration(kernel: k, memoryCap: 1e9, workCap: 1e9, maxIterations: t).run()!
            #expect(b.iterations == t)
            #expect(abs(b.upper - expected) < 1e-9 * expected, "t = \(t): \(b.upper) vs \(expected)")
        }
    }

    @Test func usesTheSmallerChannelCount() {
        var rng = SeededGenerator(seed: 52)
        let k = StrideOneKernel(outChannels: 5, inChannels: 2, size: Size2D(2, 2), values: rng.normals(40))
        let direct = SpatialGramIteration(kernel: k, memoryCap: 1e9, workCap: 1e9, maxIterations: 3).run()!
        let adjoint = SpatialGramIteration(kernel: k.adjoint(), memoryCap: 1e9, workCap: 1e9, maxIterations: 3).run()!
        #expect(abs(direct.upper - adjoint.upper) < 1e-9 * direct.upper)
    }

    @Test func moreIterationsTightenTowardsSigmaInfinity() {
        let spec = Oracle.randomSpec(seed: 53, out: 4, inPerGroup: 3, kernel: Size2D(3, 3))
        let one = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(gramMaxIterations: 1))
        let many = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(gramMaxIterations: 6))
        #expect(one.gram!.iterations == 1 && many.gram!.iterations == 6)
        #expect(many.gram!.upper < one.gram!.upper)
        #expect(many.gram!.upper >= many.asymptotic.lower)
        #expect(many.gram!.upper <= 1.1 * many.asymptotic.lower)
    }

    @Test func memoryCapLimitsIterations() {
        let spec = Oracle.randomSpec(seed: 54, out: 8, inPerGroup: 8, kernel: Size2D(3, 3))
        let small = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(gramMemory: 3.6e7))
        let large = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(gramMemory: 1e9, gramWork: 1e10))
        #expect(small.gram!.iterations < large.gram!.iterations)
        let none = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(gramMemory: 1))
        #expect(none.gram == nil)
        let noWork = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(gramWork: 1))
        #expect(noWork.gram == nil && noWork.asymptotic.converged)
    }

    @Test func groupsRunTogetherGiveTheLargestGroupBound() {
        for (co, ci) in [(1, 1), (3, 2), (2, 4)] {
            var rng = SeededGenerator(seed: UInt64(55 + co * ci))
            let ks = (0..<5).map { _ in
                StrideOneKernel(outChannels: co, inChannels: ci, size: Size2D(3, 2), values: rng.normals(co * ci * 6))
            }
            let joint = SpatialGramIteration(kernels: ks, memoryCap: 1e9, workCap: 1e12, maxIterations: 3).run()!
            let each = ks.map { SpatialGramIteration(kernel: $0, memoryCap: 1e9, workCap: 1e12, maxIterations: 3).run()! }
            #expect(joint.iterations == 3 && each.allSatisfy { $0.iterations == 3 })
            let expected = each.map(\.upper).max()!
            #expect(abs(joint.upper - expected) < 1e-9 * expected)
        }
    }

    /// A 1×1 layer's `gram` starts from the Gram matrix its tap norm already formed (`KernelNorms.gram`): that
    /// matrix must be `KKᵀ` (or `KᵀK`, the smaller side) of the dense definition, and the figure bit for bit
    /// the iteration that forms it itself, for wide, tall, square and grouped kernels.
    @Test(arguments: [(out: 5, cin: 9, groups: 1), (out: 9, cin: 4, groups: 1), (out: 6, cin: 6, groups: 1), (out: 6, cin: 4, groups: 2)])
    func pointwiseGramReusesTheTapNormsGramMatrix(_ c: (out: Int, cin: Int, groups: Int)) {
        let spec = Oracle.randomSpec(seed: 530 + UInt64(c.out), out: c.out * c.groups, inPerGroup: c.cin, kernel: Size2D(1, 1), groups: c.groups)
        let kernels = (0..<c.groups).map { spec.undilatedKernel(group: $0) }
        let norms = KernelNorms.compute(for: kernels, reshapeWorkCap: 1e10)
        let n = min(c.out, c.cin)
        for (k, norm) in zip(kernels, norms) {
            let g = norm.gram!
            for a in 0..<n {
                for b in a..<n {
                    var x = 0.0
                    for e in 0..<max(c.out, c.cin) {
                        x += c.out <= c.cin ? k[a, e, 0, 0] * k[b, e, 0, 0] : k[e, a, 0, 0] * k[e, b, 0, 0]
                    }
                    #expect(abs(g[a * n + b] - x) <= 1e-13 * Double(c.cin + c.out) * max(1, abs(x)))
                }
            }
        }
        let options = SizeIndependentOptions.standard
        let own = SpatialGramIteration(
            kernels: kernels, memoryCap: options.gramMemory, workCap: options.gramWork, maxIterations: options.gramMaxIterations
        ).run()
        #expect(SizeIndependentFigures.compute(for: spec).gram == own)
        #expect(own != nil)
    }
}
