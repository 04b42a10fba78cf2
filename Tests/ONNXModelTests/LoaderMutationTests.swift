import Testing
import TestSupport
@testable import ONNXModel

/// Mutation fuzzing: a rich valid model with random bytes overwritten, inserted or deleted must either load
/// or fail with one `ModelError` — never crash or hang (protobuf-c only ever sees pre-scanned bytes).
@Suite struct LoaderMutationTests {
    typealias W = ONNXWriter

    static let model: [UInt8] = {
        let body = W.graph(name: "body", nodes: [W.node(op: "Identity", inputs: ["a"], outputs: ["b"], name: "in")])
        // TypeProto { sequence_type { elem_type { tensor_type { elem_type: FLOAT, shape { dim { dim_value: 2 } } } } } }
        let sequenceType: W.Field = .message(2, [.message(4, [.message(1, [.message(1, [.varint(1, 1), .message(2, [.message(1, [.varint(1, 2)])])])])])])
        return W.model(
            opsets: [("", 17), ("com.x", 2)],
            graph: W.graph(
                nodes: [
                    W.node(op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: "conv", attributes: [
                        .ints("pads", [1, 1, 1, 1]), .string("auto_pad", "NOTSET"), .float("alpha", 0.5), .int("group", 1),
                        .floats("scales", [1, 2], packing: .packed), .strings("names", ["a", "b"]),
                        .tensor("t", W.tensor(name: "tv", dims: [2], float16Bits: [0x3C00, 0x0001])),
                        .graph("g", body), .graphs("gs", [body]),
                        .tensors("ts", [W.tensor(name: "t1", dims: [1], int64s: [7])]),
                    ]),
                    W.node(op: "If", inputs: ["c"], outputs: ["z"], attributes: [.graph("then_branch", body), .graph("else_branch", body)]),
                ],
                initializers: [
                    W.tensor(name: "w", dims: [2, 1, 1, 2], floats: [1, -2, 3, 4], raw: true),
                    W.tensor(name: "f", dims: [3], floats: [1, 2, 3]),
                    W.tensor(name: "d", dims: [2], doubles: [1, 2], packing: .unpacked),
                    W.tensor(name: "b", dims: [2], bfloat16Bits: [0x3F80, 0x4000]),
                    W.tensor(name: "i8", dims: [3], int32s: [-1, 2, 3], dataType: .int8, raw: true),
                    W.tensor(name: "u", dims: [1], uint64s: [5]),
                ],
                inputs: [W.valueInfo(name: "x", shape: ["N", 1, 4, 4])],
                outputs: [W.valueInfo(name: "y", shape: nil)],
                valueInfo: [W.ValueInfo(name: "s", elementType: nil, shape: nil)],
                extra: [.message(13, [.bytes(1, Array("seq".utf8)), sequenceType])]),
            metadata: [("k", "v")],
            functions: [W.function(domain: "local", name: "F", inputs: ["a"], outputs: ["b"], nodes: [W.node(op: "Relu", inputs: ["a"], outputs: ["b"])])])
    }()

    @Test func theUnmutatedModelLoads() throws {
        let m = try LoaderTestFiles.load(Self.model)
        #expect(m.graph.nodes.count == 2)
        #expect(m.graph.valueInfo.map(\.name) == ["s", "seq"])
        #expect(m.graph.valueInfo[1].elementType == nil)
    }

    @Test(arguments: 0..<8)
    func randomMutations(batch: UInt64) throws {
        var rng = SeededGenerator(seed: 0xC0FFEE + batch)
        let dir = try FileIO.makeTemporaryDirectory("liplint-mut")
        let path = dir + "/m.onnx"
        let loader = ModelLoader()
        var outcomes: [String: Int] = [:]
        for _ in 0..<250 {
            var bytes = Self.model
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
                case 1: bytes.remove(at: position)
                case 2: bytes[position] ^= 0x80
                default: bytes[position] = UInt8.random(in: 0...255, using: &rng)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            try FileIO.write(bytes, to: path)
            do {
                let m = try loader.load(path: path)
                // Whatever loaded must also decode without crashing.
                for t in m.graph.initializers { _ = try? t.doubles() }
                outcomes["loaded", default: 0] += 1
            } catch {
                outcomes[error.kind, default: 0] += 1
            }
        }
        #expect(outcomes.values.reduce(0, +) == 250)
        #expect(outcomes["malformed", default: 0] > 0)
    }
}
