import ONNXModel
import SpectralKit

extension LayerFigureCalculator {
    func convFigures(_ layer: ConvLayer) -> LayerFigures {
        guard case .constant(let tensor) = layer.weights else {
            if case .notStatic(let reason) = layer.weights { return unavailable("weights not static: \(reason)") }
            return unavailable("weights not static")
        }
        let mapping: ConvOperatorMapping
        do {
            let w = try tensor.doubles()
            mapping = try ConvOperatorMapping(layer: layer, weights: w)
        } catch let error as ModelError {
            return unavailable("weights unreadable: \(error.description)")
        } catch let error as FigureUnavailable {
            return unavailable(error.reason)
        } catch {
            return unavailable("\(error)")
        }
        _ = mapping
        return LayerFigures()
    }
}
