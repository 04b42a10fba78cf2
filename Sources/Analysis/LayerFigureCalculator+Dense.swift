import ONNXModel
import SpectralKit

extension LayerFigureCalculator {
    /// Dense layers: `|alpha|·‖W‖₂` by LAPACK SVD (kind `exact`, valid for every input; above 4096 in both
    /// dimensions a Lanczos estimate with a Gram-iteration upper bound); `reshaped` is the same number, since
    /// a dense layer's weight needs no reshaping; `asymptotic` carries the certified `[lower, upper]`.
    func denseFigures(_ layer: DenseLayer) -> LayerFigures {
        guard case .constant(let tensor) = layer.weights else {
            if case .notStatic(let reason) = layer.weights { return denseUnavailable("weights not static: \(reason)") }
            return denseUnavailable("weights not static")
        }
        if let reason = options.limits.weightRefusal(shape: tensor.dims) { return denseUnavailable(reason) }
        let w: [Double]
        do {
            w = try tensor.doubles()
        } catch {
            return denseUnavailable("weights unreadable: \(error.description)")
        }
        if let reason = AnalysisLimits.valueRefusal(w) { return denseUnavailable(reason) }
        guard layer.weightShape.count == 2, layer.weightShape.allSatisfy({ $0 > 0 }) else {
            return denseUnavailable("weight shape \(layer.weightShape) is not a non-empty matrix")
        }
        let d = DenseLayerFigure.compute(
            weight: w, rows: layer.weightShape[0], cols: layer.weightShape[1], alpha: layer.alpha,
            lanczos: LanczosOptions(tolerance: options.exactTolerance, threads: innerThreads))
        var f = LayerFigures()
        f.denseNorm = .computed(.init(d))
        // The size-independent certificate the network bound multiplies: for a dense layer, the same norm
        // (or the Gram-iteration upper bound when the norm came from Lanczos).
        f.asymptotic = .computed(.init(lower: d.lower, upper: d.upper))
        f.reshaped = .computed(.init(value: d.value, kind: d.kind))
        return f
    }
}
