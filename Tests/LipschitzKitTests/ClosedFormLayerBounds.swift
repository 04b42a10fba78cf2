import ONNXModel
import SpectralKit
import LipschitzKit

/// Simple certified per-layer bounds for the real-model tests, valid for every input size (they bound σ∞,
/// docs/spectral-methods §5 `closedForm`), computed here independently of the Analysis target: per group,
/// the smallest of `triangle` `Σ_taps ‖K_tap‖₂`, `frobenius` `√(kh·kw)·‖K‖_F` and the Schur form of
/// `blockNorm` `√(‖A‖₁·‖A‖∞)` with `A[o,i] = Σ_taps |K[o,i,·,·]|`; the layer's bound is the largest over
/// groups. Stride and dilation only subsample or spread taps, which these bounds allow (§1). Each SVD value
/// is inflated by 1e-12 relative.
struct ClosedFormLayerBounds: LinearLayerBounds {
    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        guard case .constant(let tensor) = conv.weights, let w = try? tensor.doubles() else {
            throw LayerBoundUnavailable("weights not static")
        }
        let shape = conv.weightShape
        guard shape.count >= 3, conv.group > 0, shape[0] % conv.group == 0 else {
            throw LayerBoundUnavailable("unexpected weight shape \(shape)")
        }
        let taps = shape.dropFirst(2).reduce(1, *)
        let rowsPerGroup = shape[0] / conv.group
        let cols = shape[1]
        let transpose = conv.op == .convTranspose
        var worst = 0.0
        for g in 0..<conv.group {
            // Block K_g[r, c, t] with the output-channel scale applied (rows for Conv, columns for ConvTranspose).
            func k(_ r: Int, _ c: Int, _ t: Int) -> Double {
                let row = g * rowsPerGroup + r
                var v = w[(row * cols + c) * taps + t]
                if let s = outputChannelScale { v *= transpose ? s[g * cols + c] : s[row] }
                return v
            }
            var triangle = 0.0
            var frobenius = 0.0
            var a = [Double](repeating: 0, count: rowsPerGroup * cols)
            for t in 0..<taps {
                var tap = [Double](repeating: 0, count: rowsPerGroup * cols)
                for r in 0..<rowsPerGroup {
                    for c in 0..<cols {
                        let v = k(r, c, t)
                        tap[r * cols + c] = v
                        frobenius += v * v
                        a[r * cols + c] += abs(v)
                    }
                }
                triangle += rowsPerGroup * cols == 1
                    ? abs(tap[0]) : (DenseSVD.singularValues(real: tap, rows: rowsPerGroup, cols: cols).first ?? 0)
            }
            let rowMax = (0..<rowsPerGroup).map { r in (0..<cols).map { a[r * cols + $0] }.reduce(0, +) }.max() ?? 0
            let colMax = (0..<cols).map { c in (0..<rowsPerGroup).map { a[$0 * cols + c] }.reduce(0, +) }.max() ?? 0
            let schur = (rowMax * colMax).squareRoot()
            let frob = (Double(taps) * frobenius).squareRoot()
            worst = max(worst, min(triangle, frob, schur))
        }
        return worst * (1 + 1e-12)
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        guard case .constant(let tensor) = dense.weights, let w = try? tensor.doubles(), dense.weightShape.count == 2 else {
            throw LayerBoundUnavailable("weights not static")
        }
        let s = DenseSVD.singularValues(real: w, rows: dense.weightShape[0], cols: dense.weightShape[1]).first ?? 0
        return abs(dense.alpha) * s * (1 + 1e-12)
    }
}
