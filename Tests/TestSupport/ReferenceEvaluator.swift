/// A small, slow, independent interpreter of the ONNX graphs `ONNXWriter` builds, in `Double`: the oracle the
/// network-bound tests compare against (ratios `‖f(x) − f(y)‖/‖x − y‖` and finite-difference Jacobians).
///
/// It knows the operators the tests use — Conv (stride, pads, dilation, groups), Gemm, MatMul, BatchNormalization,
/// MaxPool, AveragePool (pads, `count_include_pad`), GlobalAveragePool, Pad (constant/reflect/edge/wrap), Split, Slice, SpaceToDepth, Min, Resize
/// (nearest asymmetric/floor; linear half_pixel/asymmetric/align_corners), Concat, Flatten, Reshape, Transpose, Identity, element-wise arithmetic with
/// numpy broadcasting and the usual activations — and traps on anything else (a test bug, not a model bug).
public struct ReferenceEvaluator: Sendable {
    public let graph: ONNXWriter.Graph

    public init(graph: ONNXWriter.Graph) { self.graph = graph }

    /// Evaluates the graph; returns every computed value by name (initializers included).
    public func run(_ inputs: [String: ReferenceTensor]) -> [String: ReferenceTensor] {
        var values = inputs
        for tensor in graph.initializers { values[tensor.name] = Self.decode(tensor) }
        for node in graph.nodes {
            let operands = node.inputs.map { $0.isEmpty ? nil : values[$0] }
            let outputs = evaluate(node, operands)
            for (name, value) in zip(node.outputs, outputs) where !name.isEmpty { values[name] = value }
        }
        return values
    }

    /// The graph's outputs, concatenated in order as one flat vector.
    public func outputVector(_ inputs: [String: ReferenceTensor]) -> [Double] {
        let values = run(inputs)
        return graph.outputs.flatMap { values[$0.name]!.values }
    }

    /// Decodes a FLOAT/DOUBLE/INT64 test tensor.
    public static func decode(_ tensor: ONNXWriter.Tensor) -> ReferenceTensor {
        let shape = tensor.dims.map { Int($0) }
        switch tensor.data {
        case .floats(let v): return ReferenceTensor(shape: shape, values: v.map(Double.init))
        case .doubles(let v): return ReferenceTensor(shape: shape, values: v)
        case .int64s(let v): return ReferenceTensor(shape: shape, values: v.map(Double.init))
        case .int32s(let v): return ReferenceTensor(shape: shape, values: v.map(Double.init))
        case .raw(let bytes) where tensor.dataType == ONNXWriter.DataType.float.rawValue:
            let floats = stride(from: 0, to: bytes.count, by: 4).map { i -> Double in
                let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
                return Double(Float(bitPattern: bits))
            }
            return ReferenceTensor(shape: shape, values: floats)
        default: fatalError("ReferenceEvaluator cannot decode tensor '\(tensor.name)'")
        }
    }

    func evaluate(_ node: ONNXWriter.Node, _ x: [ReferenceTensor?]) -> [ReferenceTensor] {
        let a = Attributes(node.attributes)
        func input(_ i: Int) -> ReferenceTensor { x[i]! }
        switch node.op {
        case "Identity", "Dropout": return [input(0)]
        case "Constant": return [Self.decode(a.tensor("value")!)]
        case "Relu": return [map(input(0)) { max($0, 0) }]
        case "LeakyRelu": let al = a.float("alpha") ?? 0.01; return [map(input(0)) { $0 >= 0 ? $0 : al * $0 }]
        case "Sigmoid": return [map(input(0), Self.sigmoid)]
        case "Tanh": return [map(input(0)) { Math.tanh($0) }]
        case "Softplus": return [map(input(0)) { Math.softplus($0) }]
        case "Erf": return [map(input(0)) { Math.erf($0) }]
        case "Neg": return [map(input(0)) { -$0 }]
        case "Abs": return [map(input(0)) { abs($0) }]
        case "Exp": return [map(input(0)) { Math.exp($0) }]
        case "Sqrt": return [map(input(0)) { $0.squareRoot() }]
        case "HardSigmoid":
            let al = a.float("alpha") ?? 0.2, be = a.float("beta") ?? 0.5
            return [map(input(0)) { min(max(al * $0 + be, 0), 1) }]
        case "HardSwish": return [map(input(0)) { $0 * min(max($0 / 6 + 0.5, 0), 1) }]
        case "Clip":
            let lo = x.count > 1 ? x[1]?.values[0] ?? -.infinity : a.float("min") ?? -.infinity
            let hi = x.count > 2 ? x[2]?.values[0] ?? .infinity : a.float("max") ?? .infinity
            return [map(input(0)) { min(max($0, lo), hi) }]
        case "Add": return [broadcast(input(0), input(1), +)]
        case "Sub": return [broadcast(input(0), input(1), -)]
        case "Mul": return [broadcast(input(0), input(1), *)]
        case "Div": return [broadcast(input(0), input(1), /)]
        case "Pow": return [broadcast(input(0), input(1)) { Math.pow($0, $1) }]
        case "Max": return [broadcast(input(0), input(1)) { max($0, $1) }]
        case "Softmax": return [softmax(input(0), axis: a.int("axis") ?? -1)]
        case "Flatten":
            let t = input(0)
            let axis = a.int("axis") ?? 1
            let outer = t.shape.prefix(axis).reduce(1, *)
            return [ReferenceTensor(shape: [outer, t.count / max(outer, 1)], values: t.values)]
        case "Reshape":
            let t = input(0)
            var target = input(1).values.map { Int($0) }
            for (i, d) in target.enumerated() where d == 0 { target[i] = t.shape[i] }
            if let unknown = target.firstIndex(of: -1) {
                target[unknown] = t.count / target.filter { $0 != -1 }.reduce(1, *)
            }
            return [ReferenceTensor(shape: target, values: t.values)]
        case "Transpose": return [transpose(input(0), a.ints("perm"))]
        case "Concat": return [concat(x.compactMap { $0 }, axis: a.int("axis") ?? 0)]
        case "Gemm":
            return [gemm(input(0), input(1), x.count > 2 ? x[2] : nil, alpha: a.float("alpha") ?? 1,
                         beta: a.float("beta") ?? 1, transA: a.int("transA") == 1, transB: a.int("transB") == 1)]
        case "MatMul": return [matmul(input(0), input(1))]
        case "Conv": return [conv(input(0), input(1), x.count > 2 ? x[2] : nil, a)]
        case "ConvTranspose": return [convTranspose(input(0), input(1), x.count > 2 ? x[2] : nil, a)]
        case "BatchNormalization":
            return [batchNorm(input(0), input(1), input(2), input(3), input(4), epsilon: a.float("epsilon") ?? 1e-5)]
        case "MaxPool", "AveragePool": return [pool(input(0), a, max: node.op == "MaxPool")]
        case "GlobalAveragePool": return [globalAverage(input(0))]
        case "ReduceMean": return [reduceMean(input(0), axes: a.ints("axes") ?? x[safe: 1]??.values.map { Int($0) } ?? [])]
        case "Pad": return [pad(input(0), pads: input(1).values.map { Int($0) }, mode: a.string("mode") ?? "constant",
                                value: x.count > 2 ? x[2]?.values[0] ?? 0 : 0)]
        case "Resize":
            if a.string("mode") == "linear" {
                return [resizeLinear(input(0), scales: input(2).values, mode: a.string("coordinate_transformation_mode") ?? "half_pixel")]
            }
            return [resizeNearest(input(0), scales: input(2).values)]
        case "Min": return [broadcast(input(0), input(1)) { min($0, $1) }]
        case "Split":
            let parts = x.count > 1 ? x[1]?.values.map { Int($0) } : a.ints("split")
            return split(input(0), axis: a.int("axis") ?? 0, parts: parts, outputs: node.outputs.count)
        case "Slice":
            return [slice(input(0), starts: input(1).values.map { Int($0) }, ends: input(2).values.map { Int($0) },
                          axes: x.count > 3 ? x[3]?.values.map { Int($0) } : nil)]
        case "SpaceToDepth": return [spaceToDepth(input(0), block: a.int("blocksize")!)]
        default: fatalError("ReferenceEvaluator: operator \(node.op) is not implemented")
        }
    }

    static func sigmoid(_ v: Double) -> Double { 1 / (1 + Math.exp(-v)) }

    func map(_ t: ReferenceTensor, _ f: (Double) -> Double) -> ReferenceTensor {
        ReferenceTensor(shape: t.shape, values: t.values.map(f))
    }
}

/// Attribute lookup by name for the evaluator.
struct Attributes {
    let list: [ONNXWriter.Attribute]
    init(_ list: [ONNXWriter.Attribute]) { self.list = list }

    private func value(_ name: String) -> ONNXWriter.Attribute.Value? { list.last { $0.name == name }?.value }
    func int(_ name: String) -> Int? { if case .int(let v) = value(name) { return Int(v) } else { return nil } }
    func float(_ name: String) -> Double? {
        switch value(name) {
        case .float(let v): return Double(v)
        case .int(let v): return Double(v)
        default: return nil
        }
    }
    func ints(_ name: String) -> [Int]? { if case .ints(let v) = value(name) { return v.map { Int($0) } } else { return nil } }
    func string(_ name: String) -> String? {
        if case .string(let v) = value(name) { return String(decoding: v, as: UTF8.self) } else { return nil }
    }
    func tensor(_ name: String) -> ONNXWriter.Tensor? { if case .tensor(let t) = value(name) { return t } else { return nil } }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// C math behind one name.
enum Math {
    static func exp(_ x: Double) -> Double { Glibc_exp(x) }
    static func tanh(_ x: Double) -> Double { Glibc_tanh(x) }
    static func erf(_ x: Double) -> Double { Glibc_erf(x) }
    static func pow(_ x: Double, _ y: Double) -> Double { Glibc_pow(x, y) }
    static func softplus(_ x: Double) -> Double { max(x, 0) + Glibc_log1p(Glibc_exp(-abs(x))) }
}
private func Glibc_exp(_ x: Double) -> Double { exp(x) }
private func Glibc_tanh(_ x: Double) -> Double { tanh(x) }
private func Glibc_erf(_ x: Double) -> Double { erf(x) }
private func Glibc_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func Glibc_log1p(_ x: Double) -> Double { log1p(x) }
