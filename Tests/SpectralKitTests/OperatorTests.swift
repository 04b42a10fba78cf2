import SpectralKit
import Testing
import TestSupport

@Suite struct OperatorTests {
    @Test func applyAndAdjointMatchTheExplicitMatrix() throws {
        var rng = SeededGenerator(seed: 7)
        for c in oracleCases(seed: 100) {
            let dense = DenseOperator.conv(c.def, input: c.input.0, c.input.1)
            for threads in [1, 2] {
                let op = try ConvolutionOperator(spec: c.def.spec, input: Size2D(c.input.0, c.input.1), threads: ThreadBudget(threads: threads))
                #expect(op.rows == dense.rows && op.cols == dense.cols, "\(c)")
                let x = rng.normals(dense.cols), y = rng.normals(dense.rows)
                let tx = op.apply(x), ty = op.applyAdjoint(y)
                let ex = DenseOperator.multiply(dense, x), ey = DenseOperator.multiplyTransposed(dense, y)
                #expect(maxDiff(tx, ex) <= 1e-12 * (1 + maxAbs(ex)), "\(c) forward")
                #expect(maxDiff(ty, ey) <= 1e-12 * (1 + maxAbs(ey)), "\(c) adjoint")
            }
        }
    }

    @Test func tooSmallInputIsATypedError() {
        let def = DenseOperatorKernels.randomConv(cout: 1, cin: 1, kernel: (5, 5), seed: 1)
        #expect(throws: SizeDependentError.self) { try ConvolutionOperator(spec: def.spec, input: Size2D(3, 8)) }
    }
}

func maxDiff(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

func maxAbs(_ a: [Double]) -> Double {
    a.map(abs).max() ?? 0
}

@Suite struct OperatorRepeatTests {
    /// Scratch buffers must not leak state between calls: alternate T and Tᵀ several times.
    @Test func alternatingApplicationsStayExact() throws {
        var rng = SeededGenerator(seed: 8)
        for c in oracleCases(seed: 150) {
            let dense = DenseOperator.conv(c.def, input: c.input.0, c.input.1)
            let op = try ConvolutionOperator(spec: c.def.spec, input: Size2D(c.input.0, c.input.1), threads: ThreadBudget(threads: 2))
            for _ in 0..<3 {
                let x = rng.normals(dense.cols), y = rng.normals(dense.rows)
                let ty = op.applyAdjoint(y), tx = op.apply(x)
                #expect(maxDiff(tx, DenseOperator.multiply(dense, x)) <= 1e-12 * (1 + maxAbs(tx)), "\(c)")
                #expect(maxDiff(ty, DenseOperator.multiplyTransposed(dense, y)) <= 1e-12 * (1 + maxAbs(ty)), "\(c)")
            }
        }
    }
}
