import Testing
import TestSupport
@testable import ONNXModel

/// Random graphs with random (often invalid) attributes and operands: extraction must never trap, loop or
/// allocate without bound; whatever it cannot make sense of becomes unknown sizes or unsupported layers.
@Suite struct ShapeRobustnessTests {
    static let operators = [
        "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "Relu", "Add", "Mul", "Div", "Where",
        "Concat", "Split", "Slice", "Transpose", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Resize", "Pad",
        "Gemm", "MatMul", "ReduceMean", "ReduceProd", "Shape", "Gather", "Cast", "ConstantOfShape", "Expand",
        "Range", "Tile", "Identity", "Softmax", "DequantizeLinear", "QLinearConv", "ConvInteger", "TopK",
        "DepthToSpace", "ArgMax", "Size", "LSTM",
    ]

    struct Random {
        var generator: SeededGenerator
        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < p }
        /// Small values mostly, sometimes negative, zero or huge.
        mutating func wild() -> Int {
            switch int(0...9) {
            case 0: return -int(0...5)
            case 1: return 0
            case 2: return [1 << 31, 1 << 40, Int(Int64.max), Int(Int64.min)][int(0...3)]
            default: return int(1...6)
            }
        }
        mutating func wildList(_ count: Int) -> [Int] { (0..<count).map { _ in wild() } }
        mutating func element<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
    }

    func randomGraph(seed: UInt64) -> TestGraph {
        var r = Random(generator: SeededGenerator(seed: seed))
        var g = TestGraph()
        var values: [String] = []
        let rank = r.int(1...5)
        g.input("x", (0..<rank).map { _ in r.int(1...6) })
        values.append("x")
        fill(&g, values: &values, random: &r, depth: 0)
        return g
    }

    /// Adds random initializers and nodes (If nodes with random branches below depth 2) to `g`.
    func fill(_ g: inout TestGraph, values: inout [String], random r: inout Random, depth: Int) {
        let prefix = g.path.replacingOccurrences(of: "/", with: "_")
        for index in 0..<r.int(1...4) {
            let dims = (0..<r.int(0...4)).map { _ in r.int(0...4) }
            if r.chance(0.5) {
                g.ints("\(prefix)c\(index)", r.wildList(dims.reduce(1, *)), dims: dims)
            } else {
                g.weight("\(prefix)c\(index)", dims)
            }
            values.append("\(prefix)c\(index)")
        }
        for index in 0..<r.int(5...20) {
            let op = r.element(Self.operators)
            let inputs = (0..<r.int(1...5)).map { _ in r.chance(0.1) ? "" : r.element(values) }
            var attributes: [String: AttributeValue] = [:]
            for name in ["axis", "axes", "perm", "pads", "strides", "dilations", "kernel_shape", "group", "split",
                         "keepdims", "allowzero", "output_padding", "output_shape", "ceil_mode", "to", "num_outputs",
                         "blocksize", "hidden_size", "transA", "transB", "starts", "ends", "start", "end"]
            where r.chance(0.15) {
                attributes[name] = r.chance(0.5) ? .int(Int64(clamping: r.wild())) : .ints(r.wildList(r.int(0...6)).map { Int64(clamping: $0) })
            }
            if r.chance(0.2) { attributes["auto_pad"] = .text(r.element(["SAME_UPPER", "SAME_LOWER", "VALID", "NOTSET", "X"])) }
            let outputs = (0..<r.int(1...3)).map { "\(prefix)v\(index)_\($0)" }
            if depth < 2 && r.chance(0.05) {
                var branches: [String: AttributeValue] = [:]
                for name in ["then_branch", "else_branch"] {
                    var branch = TestGraph(path: "\(g.path)/if\(index).\(name)")
                    var visible = values
                    fill(&branch, values: &visible, random: &r, depth: depth + 1)
                    branch.outputs = outputs.map { _ in ValueInfo(name: r.element(visible), elementType: .float, shape: nil) }
                    branches[name] = .graph(branch.graph)
                }
                g.node("If", [r.element(values)], outputs, name: "if\(index)", branches)
            } else if depth < 2 && r.chance(0.05) {
                // A Loop whose body carries one value, sometimes keeping its shape, sometimes not.
                var body = TestGraph(path: "\(g.path)/loop\(index).body")
                body.input("\(body.path)_i", nil, type: .int64)
                body.input("\(body.path)_cond", nil, type: .bool)
                body.input("\(body.path)_state", nil)
                var visible = values + ["\(body.path)_state"]
                fill(&body, values: &visible, random: &r, depth: depth + 1)
                body.outputs = [
                    ValueInfo(name: "\(body.path)_cond", elementType: .bool, shape: nil),
                    ValueInfo(name: r.element(visible), elementType: .float, shape: nil),
                ]
                g.node("Loop", ["", "", r.element(values)], [outputs[0]], name: "loop\(index)", ["body": .graph(body.graph)])
            } else {
                g.node(op, inputs, outputs, attributes)
            }
            values += outputs
        }
    }

    @Test func randomGraphsNeverTrap() throws {
        for seed in 0..<600 as Range<UInt64> {
            let g = randomGraph(seed: seed)
            for opset: Int64 in [9, 13, 22] {
                _ = try ModelLayers.extract(
                    from: g.model(opset: opset), limits: FoldingLimits(maxElements: 4096, maxTotalElements: 1 << 16))
            }
        }
    }
}
