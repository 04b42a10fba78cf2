import ONNXModel
import SpectralKit
import TestSupport
import LipschitzKit

/// Per-layer figures for tests, computed independently of the Analysis target: the spectral norm of the
/// layer's explicit operator matrix at its known input size (built column by column with the reference
/// evaluator, then `DenseSVD`), and `|alpha|·σ_max(W)` for dense layers. An exact norm at the fixed size is
/// a valid upper bound for that size; it is inflated by 1e-12 relative to cover the SVD's rounding.
struct ExactOperatorBounds: LinearLayerBounds {
    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        guard case .constant(let tensor) = conv.weights, let weights = try? tensor.doubles() else {
            throw LayerBoundUnavailable("weights not static")
        }
        let transpose = conv.op == .convTranspose
        guard let size = transpose ? conv.outputSize : conv.inputSize else { throw LayerBoundUnavailable("size unknown") }
        let shape = conv.weightShape
        // A ConvTranspose is the adjoint of the Conv with its weight read as (cin, cout/g, k, k).
        let operatorIn = transpose ? shape[1] * conv.group : shape[1] * conv.group
        let operatorOut = shape[0]
        let node = ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["y"], attributes: [
            .ints("kernel_shape", conv.kernel.map { Int64($0) }), .ints("strides", conv.stride.map { Int64($0) }),
            .ints("dilations", conv.dilation.map { Int64($0) }), .ints("pads", conv.pads.map { Int64($0) }),
            .int("group", Int64(conv.group)),
        ])
        let graph = ONNXWriter.graph(
            nodes: [node], initializers: [ONNXWriter.tensor(name: "w", dims: shape.map { Int64($0) }, doubles: weights)])
        let evaluator = ReferenceEvaluator(graph: graph)
        let inCount = operatorIn * size[0] * size[1]
        var columns: [[Double]] = []
        for j in 0..<inCount {
            var e = [Double](repeating: 0, count: inCount)
            e[j] = 1
            let x = ReferenceTensor(shape: [1, operatorIn, size[0], size[1]], values: e)
            var y = evaluator.run(["x": x])["y"]!
            if let scale = outputChannelScale {
                if transpose {
                    // Scaling the ConvTranspose's output channels scales this Conv's input channels.
                    let s = scale[j / (size[0] * size[1])]
                    y.values = y.values.map { $0 * s }
                } else {
                    let plane = y.count / operatorOut
                    for i in 0..<y.count { y.values[i] *= scale[i / plane] }
                }
            }
            columns.append(y.values)
        }
        let rows = columns[0].count
        var matrix = [Double](repeating: 0, count: rows * inCount)
        for (j, column) in columns.enumerated() { for i in 0..<rows { matrix[i * inCount + j] = column[i] } }
        return (DenseSVD.singularValues(real: matrix, rows: rows, cols: inCount).first ?? 0) * (1 + 1e-12)
    }

    /// The circular convolution's norm on the `input` torus, from its explicit matrix (wrap Pad then the conv
    /// without padding, through the reference evaluator): exact, inflated by 1e-12 relative.
    func upperBound(circularConv conv: ConvLayer, input: [Int]) throws(LayerBoundUnavailable) -> CircularConvFigure {
        guard case .constant(let tensor) = conv.weights, let weights = try? tensor.doubles(), conv.op == .conv else {
            throw LayerBoundUnavailable("weights not static")
        }
        let total = (0..<2).map { (conv.kernel[$0] - 1) * conv.dilation[$0] }
        let pads = [0, 0, total[0] / 2, total[1] / 2, 0, 0, total[0] - total[0] / 2, total[1] - total[1] / 2]
        let shape = conv.weightShape
        let channels = shape[1] * conv.group
        let nodes = [
            ONNXWriter.node(op: "Pad", inputs: ["x", "pads"], outputs: ["p"], attributes: [.string("mode", "wrap")]),
            ONNXWriter.node(op: "Conv", inputs: ["p", "w"], outputs: ["y"], attributes: [
                .ints("kernel_shape", conv.kernel.map { Int64($0) }), .ints("strides", conv.stride.map { Int64($0) }),
                .ints("dilations", conv.dilation.map { Int64($0) }), .int("group", Int64(conv.group)),
            ]),
        ]
        let graph = ONNXWriter.graph(nodes: nodes, initializers: [
            ONNXWriter.tensor(name: "w", dims: shape.map { Int64($0) }, doubles: weights),
            ONNXWriter.tensor(name: "pads", dims: [8], int64s: pads.map { Int64($0) }),
        ])
        let evaluator = ReferenceEvaluator(graph: graph)
        let count = channels * input[0] * input[1]
        let top = DenseOperator.norm(inputs: count) { e in
            evaluator.run(["x": ReferenceTensor(shape: [1, channels, input[0], input[1]], values: e)])["y"]!.values
        }
        return CircularConvFigure(upper: top * (1 + 1e-12), exact: true)
    }

    func upperBound(composedDense dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        try upperBound(dense: dense)
    }

    func upperBound(composedConv conv: ConvLayer) throws(LayerBoundUnavailable) -> Double {
        try upperBound(conv: conv, outputChannelScale: nil)
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        guard case .constant(let tensor) = dense.weights, let w = try? tensor.doubles(), dense.weightShape.count == 2 else {
            throw LayerBoundUnavailable("weights not static")
        }
        let s = DenseSVD.singularValues(real: w, rows: dense.weightShape[0], cols: dense.weightShape[1]).first ?? 0
        return abs(dense.alpha) * s * (1 + 1e-12)
    }
}
