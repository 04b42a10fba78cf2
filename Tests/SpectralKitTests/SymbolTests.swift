import Foundation
@testable import SpectralKit
import Testing
import TestSupport

@Suite struct SymbolTests {
    private func kernel(seed: UInt64, out: Int, in cin: Int, size: Size2D) -> StrideOneKernel {
        var rng = SeededGenerator(seed: seed)
        return StrideOneKernel(outChannels: out, inChannels: cin, size: size, values: rng.normals(out * cin * size.product))
    }

    /// `F(ω)` by a direct sum, uncentred, interleaved.
    private func direct(_ k: StrideOneKernel, _ w: Frequency) -> [Double] {
        var m = [Double](repeating: 0, count: 2 * k.outChannels * k.inChannels)
        for o in 0..<k.outChannels {
            for i in 0..<k.inChannels {
                for p in 0..<k.size.h {
                    for q in 0..<k.size.w {
                        let theta = Double(p) * w.w1 + Double(q) * w.w2
                        m[2 * (o * k.inChannels + i)] += k[o, i, p, q] * cos(theta)
                        m[2 * (o * k.inChannels + i) + 1] -= k[o, i, p, q] * sin(theta)
                    }
                }
            }
        }
        return m
    }

    @Test func evaluationIsTheDirectSumTimesTheCentringPhase() {
        let k = kernel(seed: 1, out: 3, in: 2, size: Size2D(3, 2))
        let centre = (h: 0.75, w: -0.5)
        let density = SpectralDensity(kernel: k, centre: centre)
        let points = [Frequency(0.3, -1.2), Frequency(2.0, 0.1), Frequency(-3.0, 5.5)]
        let values = density.evaluate(at: points)
        for (n, w) in points.enumerated() {
            let d = direct(k, w)
            // Centred F = e^{i⟨c,ω⟩} · F.
            let phi = centre.h * w.w1 + centre.w * w.w2
            for e in 0..<6 {
                let (re, im) = (d[2 * e] * cos(phi) - d[2 * e + 1] * sin(phi), d[2 * e] * sin(phi) + d[2 * e + 1] * cos(phi))
                #expect(abs(values[n * 12 + 2 * e] - re) < 1e-12)
                #expect(abs(values[n * 12 + 2 * e + 1] - im) < 1e-12)
            }
        }
    }

    @Test func largestSingularValuesMatchDenseSVDAndIgnoreTheCentre() {
        for (seed, co, ci) in [(UInt64(2), 4, 3), (3, 1, 5), (4, 6, 1), (5, 5, 5)] {
            let k = kernel(seed: seed, out: co, in: ci, size: Size2D(3, 3))
            let a = SpectralDensity(kernel: k)
            let b = SpectralDensity(kernel: k, centre: (0, 0))
            let points = (0..<9).map { Frequency(Double($0) * 0.7, Double($0 * $0) * 0.31) }
            let na = a.largestSingularValues(at: points), nb = b.largestSingularValues(at: points)
            for (j, w) in points.enumerated() {
                let s = DenseSVD.singularValues(complex: direct(k, w), rows: co, cols: ci)[0]
                #expect(na[j].lower <= s * (1 + 1e-13) && s <= na[j].upper * (1 + 1e-13))
                #expect(na[j].upper - na[j].lower < 1e-9 * s)
                #expect(abs(nb[j].upper - na[j].upper) < 1e-9 * s)
            }
        }
    }

    @Test func blockDiagonalNormIsTheLargestBlock() {
        let ks = (0..<3).map { kernel(seed: 10 + UInt64($0), out: 2, in: 3, size: Size2D(2, 2)) }
        let joint = SpectralDensity(kernels: ks)
        let w = [Frequency(0.4, 2.2)]
        let each = ks.map { SpectralDensity(kernel: $0, centre: joint.centre).largestSingularValues(at: w)[0].upper }
        #expect(abs(joint.largestSingularValues(at: w)[0].upper - each.max()!) < 1e-12)
    }

    @Test func weightedCentreIsTheMeanTapPosition() {
        // Only taps (0, 0) and (2, 1) are non-zero, with equal norms: the centre is their midpoint.
        var v = [Double](repeating: 0, count: 6)
        v[0] = 3
        v[5] = -3
        let d = SpectralDensity(kernel: StrideOneKernel(outChannels: 1, inChannels: 1, size: Size2D(3, 2), values: v))
        #expect(abs(d.centre.h - 1) < 1e-15 && abs(d.centre.w - 0.5) < 1e-15)
    }

    @Test func manyPointsInParallelEqualOneByOne() {
        let k = kernel(seed: 7, out: 8, in: 6, size: Size2D(3, 3))
        let d = SpectralDensity(kernel: k)
        let points = (0..<200).map { Frequency(Double($0) * 0.013, Double($0) * -0.029) }
        let all = d.largestSingularValues(at: points)
        for j in stride(from: 0, to: 200, by: 37) {
            let one = d.largestSingularValues(at: [points[j]])[0]
            #expect(abs(one.upper - all[j].upper) <= 1e-12 * all[j].upper)
        }
    }

    @Test func lanczosCholeskyEnclosureContainsTheExactTopEigenvalue() {
        // Large blocks use the iterative certificate: it must bracket the eigensolver's value.
        let k = kernel(seed: 8, out: 170, in: 190, size: Size2D(2, 1))
        let d = SpectralDensity(kernel: k)
        let points = [Frequency(0.2, 0), Frequency(2.9, 0)]
        let exact = d.largestSingularValues(at: points)
        let fast = d.largestSingularValues(at: points, relativeWidth: 1e-4)
        for (e, f) in zip(exact, fast) {
            #expect(f.lower <= e.upper && e.lower <= f.upper)
            #expect(f.upper / f.lower - 1 <= 1e-4)
        }
    }

    @Test func lanczosCholeskyHandlesRankDeficientAndZeroMatrices() {
        for (n, rank) in [(170, 3), (200, 0), (180, 180)] {
            var rng = SeededGenerator(seed: UInt64(n + rank))
            let b = rng.normals(2 * n * max(rank, 1)).map { rank == 0 ? 0 : $0 }
            var m = [Double](repeating: 0, count: 2 * n * n)
            for i in 0..<n {
                for j in i..<n {
                    var (re, im) = (0.0, 0.0)
                    for r in 0..<max(rank, 1) {  // (B Bᴴ)[i, j] with B = n × rank
                        let (ar, ai) = (b[2 * (i * max(rank, 1) + r)], b[2 * (i * max(rank, 1) + r) + 1])
                        let (br, bi) = (b[2 * (j * max(rank, 1) + r)], b[2 * (j * max(rank, 1) + r) + 1])
                        re += ar * br + ai * bi
                        im += ai * br - ar * bi
                    }
                    m[2 * (i * n + j)] = re
                    m[2 * (i * n + j) + 1] = im
                }
            }
            var full = m
            for i in 0..<n { for j in 0..<i {
                full[2 * (i * n + j)] = m[2 * (j * n + i)]
                full[2 * (i * n + j) + 1] = -m[2 * (j * n + i) + 1]
            } }
            let exact = rank == 0 ? 0 : pow(DenseSVD.singularValues(complex: full, rows: n, cols: n)[0], 1)
            let e = m.withUnsafeBufferPointer { HermitianTopEigenvalue.enclose($0.baseAddress!, n: n, relativeWidth: 1e-4) }
            #expect(e.lower <= exact * (1 + 1e-12) && exact <= e.upper * (1 + 1e-12), "n \(n) rank \(rank): \(e) vs \(exact)")
            if rank > 0 { #expect(e.upper / e.lower - 1 <= 2e-3) }
        }
    }
}
