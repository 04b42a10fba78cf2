import ONNXModel
import SpectralKit

/// Element-wise facts about one layer's weight that the figures do not carry: non-finite values, the norm
/// of each output channel's kernel, whether the weight can be replaced by the caller at run time, and for a
/// dense layer its smallest and largest singular values. Read by the lint rules `non-finite-weights`,
/// `dead-filters`, `weights-not-static` and `ill-conditioned-layer`.
public struct WeightStatistics: Sendable, Hashable, Codable {
    /// Number of weight elements (0 when the weight is not static).
    public var elementCount: Int
    /// NaN or ±Inf elements.
    public var nonFiniteCount: Int
    /// Euclidean norm of each output channel's kernel (Conv: `W[o]`; ConvTranspose: `W[:, o]` of its group;
    /// dense: the weights feeding output unit `o`). Empty when the weight is not static or has non-finite values.
    public var outputChannelNorms: [Double]
    /// The weight is an initializer that also appears as a graph input, so a caller may feed a different
    /// value (IR ≥ 4 only; before IR 4 every initializer had to be listed as an input).
    public var overridableInput: Bool
    /// Dense layers: all singular values of `|alpha|·W` are in `[smallest, largest]` (LAPACK SVD, exact to a few
    /// ulps); `nil` for convs, non-finite weights, or matrices over `denseSVDLimit` elements.
    public var denseSingularValueRange: ClosedRange<Double>?

    /// Dense weights with more elements than this get no `denseSingularValueRange`.
    public static let denseSVDLimit = 1 << 22

    public init(
        elementCount: Int, nonFiniteCount: Int, outputChannelNorms: [Double], overridableInput: Bool,
        denseSingularValueRange: ClosedRange<Double>?
    ) {
        self.elementCount = elementCount
        self.nonFiniteCount = nonFiniteCount
        self.outputChannelNorms = outputChannelNorms
        self.overridableInput = overridableInput
        self.denseSingularValueRange = denseSingularValueRange
    }

    /// The statistics of `layer` in `model`; `nil` when the weight is not static or cannot be decoded.
    /// - Parameters:
    ///   - overridable: per graph path, the initializers that are also graph inputs (IR ≥ 4).
    ///   - knownSingularValues: for a dense layer, the range `[smallest, largest]` of the singular values of
    ///     `|alpha|·W` that the figures' exact SVD already found (`DenseNorm.singularValueRange`): the very
    ///     numbers the SVD here would give, since it is the same LAPACK call on the same decoded weights.
    static func compute(
        _ layer: LayerAnalysis.Layer, overridable: [String: Set<String>], svd: Bool, limits: AnalysisLimits,
        knownSingularValues: ClosedRange<Double>? = nil
    ) -> WeightStatistics? {
        computeKeepingFloats(
            layer, overridable: overridable, svd: svd, limits: limits, knownSingularValues: knownSingularValues
        ).statistics
    }

    /// `compute(_:overridable:svd:limits:knownSingularValues:)`, also returning a FLOAT Conv weight's values
    /// as decoded for the statistics (`nil` for every other layer), for other work on the same values.
    static func computeKeepingFloats(
        _ layer: LayerAnalysis.Layer, overridable: [String: Set<String>], svd: Bool, limits: AnalysisLimits,
        knownSingularValues: ClosedRange<Double>? = nil
    ) -> (statistics: WeightStatistics?, floats: [Float]?) {
        let weights: ConvLayer.Weights
        let weightName: String
        let graphPath: String
        switch layer {
        case .conv(let c): (weights, weightName, graphPath) = (c.weights, c.weightName, c.graph)
        case .dense(let d): (weights, weightName, graphPath) = (d.weights, d.weightName, d.graph)
        }
        let overridable = overridable[graphPath]?.contains(weightName) ?? false
        guard case .constant(let tensor) = weights, limits.weightRefusal(shape: tensor.dims) == nil else { return (nil, nil) }
        if case .conv(let c) = layer, c.op == .conv, tensor.elementType == .float {
            // A Conv's FLOAT weights as `Float`: the same counts and norms (each value widened exactly before it
            // is squared) as through `Double`, with half the memory written and read.
            guard let values = try? tensor.floats() else { return (nil, nil) }
            let nonFinite = values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
            let statistics = WeightStatistics(
                elementCount: values.count, nonFiniteCount: nonFinite,
                outputChannelNorms: nonFinite == 0 ? convChannelNorms(values, shape: c.weightShape) : [],
                overridableInput: overridable, denseSingularValueRange: nil)
            return (statistics, values)
        }
        return (computeThroughDoubles(layer, tensor: tensor, overridable: overridable, svd: svd,
                                      knownSingularValues: knownSingularValues), nil)
    }

    /// The statistics of every layer but a FLOAT Conv, from its weight decoded to `Double`.
    private static func computeThroughDoubles(
        _ layer: LayerAnalysis.Layer, tensor: Tensor, overridable: Bool, svd: Bool,
        knownSingularValues: ClosedRange<Double>?
    ) -> WeightStatistics? {
        guard let values = try? tensor.doubles() else { return nil }
        let nonFinite = values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        var stats = WeightStatistics(
            elementCount: values.count, nonFiniteCount: nonFinite, outputChannelNorms: [],
            overridableInput: overridable, denseSingularValueRange: nil)
        guard nonFinite == 0 else { return stats }
        switch layer {
        case .conv(let c):
            stats.outputChannelNorms = convChannelNorms(values, shape: c.weightShape, group: c.group,
                                                        transpose: c.op == .convTranspose)
        case .dense(let d):
            guard d.weightShape.count == 2, d.weightShape.allSatisfy({ $0 > 0 }),
                  values.count == d.weightShape[0] * d.weightShape[1] else { return stats }
            let (rows, cols) = (d.weightShape[0], d.weightShape[1])
            // The output units index the columns of B in x·B (MatMul weight 1, Gemm B) and the rows of A in A·x.
            let outputsAreColumns = d.weightInputIndex == 1 ? !d.transB : d.transA
            stats.outputChannelNorms = outputsAreColumns
                ? (0..<cols).map { j in (0..<rows).reduce(0) { $0 + values[$1 * cols + j] * values[$1 * cols + j] }.squareRoot() }
                : (0..<rows).map { i in values[i * cols..<(i + 1) * cols].reduce(0) { $0 + $1 * $1 }.squareRoot() }
            if svd, values.count <= denseSVDLimit, let known = knownSingularValues {
                stats.denseSingularValueRange = known
            } else if svd, values.count <= denseSVDLimit, AnalysisLimits.magnitudeRefusal(values) == nil {
                let s = DenseSVD.singularValues(real: values, rows: rows, cols: cols)
                if let top = s.first, let bottom = s.last {
                    stats.denseSingularValueRange = abs(d.alpha) * bottom...abs(d.alpha) * top
                }
            }
        }
        return stats
    }

    /// Per-output-channel norms of a Conv weight `(cout, cin/g, k...)` of FLOAT values, summed in `Double` in
    /// the order of `convChannelNorms(_:shape:group:transpose:)`, so the same numbers.
    static func convChannelNorms(_ w: [Float], shape: [Int]) -> [Double] {
        guard shape.count >= 3, shape.allSatisfy({ $0 > 0 }), w.count == shape.reduce(1, *) else { return [] }
        let per = shape[1] * shape.dropFirst(2).reduce(1, *)
        return w.withUnsafeBufferPointer { w in
            (0..<shape[0]).map { o in
                var sum = 0.0
                for x in w[o * per..<(o + 1) * per] {
                    let v = Double(x)
                    sum = sum + v * v
                }
                return sum.squareRoot()
            }
        }
    }

    /// Per-output-channel norms of a conv weight in ONNX layout.
    static func convChannelNorms(_ w: [Double], shape: [Int], group: Int, transpose: Bool) -> [Double] {
        guard shape.count >= 3, shape.allSatisfy({ $0 > 0 }), w.count == shape.reduce(1, *) else { return [] }
        let spatial = shape.dropFirst(2).reduce(1, *)
        if !transpose {
            let per = shape[1] * spatial
            return (0..<shape[0]).map { o in w[o * per..<(o + 1) * per].reduce(0) { $0 + $1 * $1 }.squareRoot() }
        }
        // ConvTranspose weight (cin, cout/g, k...): output channel g·(cout/g) + j reads W[i, j] for i in group g.
        guard group > 0, shape[0] % group == 0 else { return [] }
        let (cin, perGroupOut) = (shape[0], shape[1])
        let inPerGroup = cin / group
        var sums = [Double](repeating: 0, count: perGroupOut * group)
        for i in 0..<cin {
            let g = i / inPerGroup
            for j in 0..<perGroupOut {
                let base = (i * perGroupOut + j) * spatial
                sums[g * perGroupOut + j] += w[base..<base + spatial].reduce(0) { $0 + $1 * $1 }
            }
        }
        return sums.map { $0.squareRoot() }
    }
}
