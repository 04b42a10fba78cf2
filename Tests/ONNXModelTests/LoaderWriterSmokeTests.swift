import Testing
import TestSupport

@Suite struct LoaderWriterSmokeTests {
    @Test func writesAFileOnnxCanRead() throws {
        let body = ONNXWriter.graph(name: "body", nodes: [ONNXWriter.node(op: "Identity", inputs: ["a"], outputs: ["b"])])
        let bytes = ONNXWriter.model(
            opsets: [("", 17), ("com.microsoft", 1)],
            graph: ONNXWriter.graph(
                nodes: [
                    ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: "conv0",
                        attributes: [.ints("strides", [1, 2]), .string("auto_pad", "SAME_UPPER"), .float("alpha", 0.5),
                                     .int("group", 1), .floats("fs", [1, 2], packing: .packed), .strings("ss", ["a", "b"]),
                                     .tensor("t", ONNXWriter.tensor(name: "tt", dims: [2], doubles: [1, 2])),
                                     .graph("g", body), .graphs("gs", [body, body]),
                                     .tensors("ts", [ONNXWriter.tensor(name: "t1", dims: [], int64s: [7])])]),
                ],
                initializers: [
                    ONNXWriter.tensor(name: "w", dims: [1, 1, 1, 2], floats: [1, -2], raw: true),
                    ONNXWriter.tensor(name: "h", dims: [2], float16Bits: [0x3C00, 0x0001]),
                    ONNXWriter.tensor(name: "u", dims: [2], uint64s: [1, 1 << 40], packing: .unpacked),
                    ONNXWriter.tensor(name: "i8", dims: [3], int32s: [-1, 2, 3], dataType: .int8, raw: true),
                ],
                inputs: [ONNXWriter.valueInfo(name: "x", shape: ["N", 1, .unknown, 5])],
                outputs: [ONNXWriter.valueInfo(name: "y", shape: nil)]),
            metadata: [("k", "v")],
            functions: [ONNXWriter.function(domain: "local", name: "f", inputs: ["a"], outputs: ["b"], nodes: [ONNXWriter.node(op: "Relu", inputs: ["a"], outputs: ["b"])])])
        try ONNXWriter.write(bytes, to: "/tmp/liplint-writer-check.onnx")
    }
}
