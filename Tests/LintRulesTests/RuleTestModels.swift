import Foundation
import TestSupport

/// Small ONNX models, built inline, that each exercise one rule.
enum RuleTestModels {
    static func floatInput(_ name: String, _ shape: [ONNXWriter.Dim]?) -> ONNXWriter.ValueInfo {
        ONNXWriter.valueInfo(name: name, elementType: .float, shape: shape)
    }

    /// One Conv `x (1, cin, h, w) → y` with weight `w` of shape `(cout, cin/group, k, k)`.
    static func conv(
        name: String = "conv0", cout: Int = 2, cin: Int = 2, kernel: [Int] = [3, 3], size: [Int] = [8, 8],
        strides: [Int64] = [1, 1], pads: [Int64] = [1, 1, 1, 1], weights: [Float]? = nil, weightIsInput: Bool = false,
        initializerAlsoInput: Bool = false, metadata: [(key: String, value: String)] = [], irVersion: Int64 = 8
    ) -> [UInt8] {
        let count = cout * cin * kernel.reduce(1, *)
        let values = weights ?? (0..<count).map { Float(($0 * 7) % 5) * 0.1 - 0.2 }
        precondition(values.count == count)
        let dims = [Int64(cout), Int64(cin)] + kernel.map { Int64($0) }
        var inputs = [floatInput("x", [1, .value(Int64(cin))] + size.map { .value(Int64($0)) })]
        if weightIsInput || initializerAlsoInput { inputs.append(floatInput("w", dims.map { .value($0) })) }
        let graph = ONNXWriter.graph(
            nodes: [ONNXWriter.node(
                op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: name,
                attributes: [.ints("strides", strides), .ints("pads", pads), .ints("kernel_shape", kernel.map { Int64($0) })])],
            initializers: weightIsInput ? [] : [ONNXWriter.tensor(name: "w", dims: dims, floats: values)],
            inputs: inputs, outputs: [floatInput("y", nil)])
        return ONNXWriter.model(irVersion: irVersion, opsets: [("", 17)], graph: graph, metadata: metadata)
    }

    /// One Gemm `y = x·Wᵀ` with `W` of shape `(out, in)` (transB = 1).
    static func gemm(name: String = "fc", out: Int, in inCount: Int, weights: [Float], alpha: Float = 1) -> [UInt8] {
        let graph = ONNXWriter.graph(
            nodes: [ONNXWriter.node(
                op: "Gemm", inputs: ["x", "W"], outputs: ["y"], name: name,
                attributes: [.int("transB", 1), .float("alpha", alpha)])],
            initializers: [ONNXWriter.tensor(name: "W", dims: [Int64(out), Int64(inCount)], floats: weights)],
            inputs: [floatInput("x", [1, .value(Int64(inCount))])], outputs: [floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// Conv followed by BatchNormalization with the given per-channel scale and variance.
    static func convBatchNorm(gamma: [Float], variance: [Float], epsilon: Float = 1e-5) -> [UInt8] {
        let c = gamma.count
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["h"], name: "conv0",
                                attributes: [.ints("kernel_shape", [1, 1])]),
                ONNXWriter.node(op: "BatchNormalization", inputs: ["h", "g", "b", "m", "v"], outputs: ["y"],
                                name: "bn0", attributes: [.float("epsilon", epsilon)]),
            ],
            initializers: [
                ONNXWriter.tensor(name: "w", dims: [Int64(c), 1, 1, 1], floats: Array(repeating: 1, count: c)),
                ONNXWriter.tensor(name: "g", dims: [Int64(c)], floats: gamma),
                ONNXWriter.tensor(name: "b", dims: [Int64(c)], floats: Array(repeating: 0, count: c)),
                ONNXWriter.tensor(name: "m", dims: [Int64(c)], floats: Array(repeating: 0, count: c)),
                ONNXWriter.tensor(name: "v", dims: [Int64(c)], floats: variance),
            ],
            inputs: [floatInput("x", [1, 1, 4, 4])], outputs: [floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// `sq = x·x` (blocks the network bound), then a Conv with asymmetric padding.
    static func squareThenConv() -> [UInt8] {
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(op: "Mul", inputs: ["x", "x"], outputs: ["s"], name: "sq"),
                ONNXWriter.node(op: "Conv", inputs: ["s", "w"], outputs: ["y"], name: "conv0",
                                attributes: [.ints("kernel_shape", [1, 1]), .ints("pads", [0, 0, 1, 1])]),
            ],
            initializers: [ONNXWriter.tensor(name: "w", dims: [1, 1, 1, 1], floats: [0.5])],
            inputs: [floatInput("x", [1, 1, 4, 4])], outputs: [floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// One 3-D Conv (not analysed).
    static func conv3D() -> [UInt8] {
        let graph = ONNXWriter.graph(
            nodes: [ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: "conv3d",
                                    attributes: [.ints("kernel_shape", [1, 1, 1])])],
            initializers: [ONNXWriter.tensor(name: "w", dims: [1, 1, 1, 1, 1], floats: [1])],
            inputs: [floatInput("x", [1, 1, 2, 2, 2])], outputs: [floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func file(_ bytes: [UInt8], name: String = "model.onnx") throws -> String {
        let dir = try FileIO.makeTemporaryDirectory("liplint-rules")
        let path = dir + "/" + name
        try FileIO.write(bytes, to: path)
        return path
    }
}
