import ONNXModel
import SpectralKit

extension LayerFigureCalculator {
    /// Dense layers: `|alpha|·‖W‖₂` by LAPACK SVD (kind `exact`, valid for every input); `reshaped` is the
    /// same number, since a dense layer's weight needs no reshaping.
    func denseFigures(_ layer: DenseLayer) -> LayerFigures {
        guard case .constant(let tensor) = layer.weights else {
            if case .notStatic(let reason) = layer.weights { return unavailable("weights not static: \(reason)") }
            return unavailable("weights not static")
        }
        let w: [Double]
        do {
            w = try tensor.doubles()
        } catch {
            return unavailable("weights unreadable: \(error.description)")
        }
        guard layer.weightShape.count == 2, layer.weightShape.allSatisfy({ $0 > 0 }) else {
            return unavailable("weight shape \(layer.weightShape) is not a non-empty matrix")
        }
        let norm = abs(layer.alpha) * (DenseSVD.singularValues(
            real: w, rows: layer.weightShape[0], cols: layer.weightShape[1]).first ?? 0)
        var f = LayerFigures()
        f.exact = Figure(kind: .exact, sizeSpecific: false, fields: [("value", .number(norm))])
        f.reshaped = Figure(kind: .exact, sizeSpecific: false, fields: [("value", .number(norm))])
        return f
    }
}
