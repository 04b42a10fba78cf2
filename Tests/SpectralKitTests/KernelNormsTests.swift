import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// `KernelNorms` gathers its matrices itself (taps, `|K|` summed, reshapes); every norm must be exactly what
/// `RealSpectralNorm` gives on the matrix built independently from the kernel's subscript (the non-negative
/// `|K|` summed: an enclosure of the dense oracle's norm), and the squared sum exactly `Σ x²` in storage
/// order, whatever the thread count.
@Suite struct KernelNormsTests {
    static func kernel(seed: UInt64, out: Int, in cin: Int, size: Size2D) -> StrideOneKernel {
        var rng = SeededGenerator(seed: seed)
        return StrideOneKernel(outChannels: out, inChannels: cin, size: size, values: rng.normals(out * cin * size.h * size.w))
    }

    @Test(arguments: [
        (seed: UInt64(1), out: 5, cin: 7, h: 3, w: 3), (seed: UInt64(2), out: 9, cin: 4, h: 2, w: 3),
        (seed: UInt64(3), out: 6, cin: 6, h: 1, w: 1), (seed: UInt64(4), out: 3, cin: 8, h: 1, w: 4),
        (seed: UInt64(5), out: 6, cin: 6, h: 3, w: 3), (seed: UInt64(6), out: 1, cin: 5, h: 2, w: 2),
    ])
    func normsEqualThoseOfTheExplicitMatrices(_ c: (seed: UInt64, out: Int, cin: Int, h: Int, w: Int)) {
        let k = Self.kernel(seed: c.seed, out: c.out, in: c.cin, size: Size2D(c.h, c.w))
        let (co, ci, kh, kw) = (c.out, c.cin, c.h, c.w)
        for threads in [1, 3] {
            let n = KernelNorms.compute(for: [k], reshapeWorkCap: 1e10, threads: ThreadBudget(threads: threads))[0]
            for p in 0..<kh {
                for q in 0..<kw {
                    #expect(n.taps[p * kw + q] == RealSpectralNorm.of(k.tapMatrix(p: p, q: q), rows: co, cols: ci))
                }
            }
            var a = [Double](repeating: 0, count: co * ci)
            var r1 = [Double](repeating: 0, count: co * ci * kh * kw), r2 = r1, r4 = r1
            var squares = 0.0
            for o in 0..<co {
                for i in 0..<ci {
                    for p in 0..<kh {
                        for q in 0..<kw {
                            let x = k[o, i, p, q]
                            a[o * ci + i] += abs(x)
                            squares += x * x
                            r1[(o * kh + p) * (ci * kw) + i * kw + q] = x
                            r2[(o * kw + q) * (kh * ci) + p * ci + i] = x
                            r4[(i * co + o) * kh * kw + p * kw + q] = x
                        }
                    }
                }
            }
            // |K| summed is non-negative: its norm comes from the power method (NonNegativeSpectralNorm), which
            // must enclose the dense oracle's value as tightly as the eigensolver would.
            let exactA = DenseOperator.norm(DenseOperator.Matrix(values: a, rows: co, cols: ci))
            #expect(n.absoluteSum.lower <= exactA * (1 + 1e-14) && n.absoluteSum.upper >= exactA * (1 - 1e-14))
            #expect(n.absoluteSum.upper - n.absoluteSum.lower <= 1e-11 * exactA)
            #expect(n.squaredSum == squares)
            if kh * kw > 1 {
                #expect(n.reshapes[0] == RealSpectralNorm.of(r1, rows: co * kh, cols: ci * kw))
                #expect(n.reshapes[1] == RealSpectralNorm.of(r2, rows: co * kw, cols: kh * ci))
                Self.expectR3(n, k)
                #expect(n.reshapes[3] == RealSpectralNorm.of(r4, rows: ci, cols: co * kh * kw))
            } else {
                #expect(n.reshapes.allSatisfy { $0 == n.taps[0] })
            }
        }
    }

    /// `R3`: exactly `RealSpectralNorm`'s value where it is computed on the values, and where the taps' Gram
    /// matrices are summed instead (`1 < cout ≤ cin`) an enclosure of the dense oracle's norm within rounding
    /// of that value.
    static func expectR3(_ n: KernelNorms, _ k: StrideOneKernel) {
        let (co, cols) = (k.outChannels, k.inChannels * k.size.h * k.size.w)
        let direct = RealSpectralNorm.of(k.values, rows: co, cols: cols)
        guard co > 1 && co <= k.inChannels, let r3 = n.reshapes[2] else {
            #expect(n.reshapes[2] == direct)
            return
        }
        let exact = DenseOperator.norm(DenseOperator.Matrix(values: k.values, rows: co, cols: cols))
        #expect(r3.lower <= exact * (1 + 1e-14) && r3.upper >= exact * (1 - 1e-14))
        #expect(abs(r3.upper - direct.upper) <= 1e-13 * direct.upper && abs(r3.lower - direct.lower) <= 1e-13 * direct.upper)
    }

    /// The summed `R3` with a zero tap (no Gram matrix to add) and a zero kernel.
    @Test func summedR3SkipsZeroTapsAndIsZeroForAZeroKernel() {
        var values = Self.kernel(seed: 9, out: 4, in: 6, size: Size2D(2, 3)).values
        for e in 0..<(4 * 6) { values[e * 6 + 4] = 0 }  // tap (1, 1) is zero
        let k = StrideOneKernel(outChannels: 4, inChannels: 6, size: Size2D(2, 3), values: values)
        let n = KernelNorms.compute(for: [k], reshapeWorkCap: 1e10)[0]
        #expect(n.taps[4] == NormInterval(exactly: 0))
        Self.expectR3(n, k)
        let zero = StrideOneKernel(outChannels: 3, inChannels: 5, size: Size2D(3, 3), values: [Double](repeating: 0, count: 135))
        #expect(KernelNorms.compute(for: [zero], reshapeWorkCap: 1e10)[0].reshapes[2] == NormInterval(exactly: 0))
    }

    /// `|K|` summed is the same matrix, and its norm the same bits, as the computation before the 1×1 path:
    /// `A` summed per entry in tap order, the power method, and when that does not converge `RealSpectralNorm`
    /// with `Σ A²` added in storage order. The last kernel (`diag(1, 1 − 1e-9)`) makes the power method miss
    /// its gap, so the fallback is compared too.
    @Test func absoluteSumIsTheSameAsSummingTheTapsFirst() {
        var kernels = [(UInt64(11), 7, 5, 1, 1), (12, 3, 9, 1, 1), (13, 8, 8, 2, 2), (14, 4, 6, 3, 1)].map {
            Self.kernel(seed: $0.0, out: $0.1, in: $0.2, size: Size2D($0.3, $0.4))
        }
        kernels.append(StrideOneKernel(outChannels: 2, inChannels: 2, size: Size2D(1, 1), values: [1, 0, 0, -(1 - 1e-9)]))
        for k in kernels {
            let (co, ci, t) = (k.outChannels, k.inChannels, k.size.h * k.size.w)
            var a = [Double](repeating: 0, count: co * ci)
            var squares = 0.0
            for e in 0..<(co * ci) {
                for tap in 0..<t { a[e] += abs(k.values[e * t + tap]) }
                squares += a[e] * a[e]
            }
            let expected = a.withUnsafeBufferPointer {
                NonNegativeSpectralNorm.of($0.baseAddress!, rows: co, cols: ci, relativeGap: KernelNorms.absoluteSumGap)
                    ?? RealSpectralNorm.of($0.baseAddress!, rows: co, cols: ci, squaredSum: squares)
            }
            #expect(KernelNorms.compute(for: [k], reshapeWorkCap: 1e10)[0].absoluteSum == expected)
        }
        let slow = [1.0, 0, 0, 1 - 1e-9]
        #expect(slow.withUnsafeBufferPointer {
            NonNegativeSpectralNorm.of($0.baseAddress!, rows: 2, cols: 2, relativeGap: KernelNorms.absoluteSumGap)
        } == nil)
    }
}
