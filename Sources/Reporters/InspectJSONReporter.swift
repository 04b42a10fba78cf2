import Analysis
import LipschitzKit
import ONNXModel
import SpectralKit

/// `liplint inspect --format json`: the analysis as a JSON document (docs/report-schema.md).
///
/// A pure function of the analysis: the same analysis gives the same bytes. Field names are a contract:
/// later versions add fields, never rename them.
public enum InspectJSONReporter {
    /// The report schema version written as `schemaVersion`.
    public static let schemaVersion = 1

    public static func render(_ analysis: ModelAnalysis, toolVersion: String) -> String {
        JSONWriter().write(document(analysis, toolVersion: toolVersion))
    }

    public static func document(_ analysis: ModelAnalysis, toolVersion: String) -> JSONValue {
        .object([
            ("schemaVersion", .int(schemaVersion)),
            ("tool", .object([("name", .string("liplint")), ("version", .string(toolVersion))])),
        ] + members(analysis))
    }

    /// The document's members after its envelope (`schemaVersion`, `tool`): `model`, `options`, `inputs`,
    /// `layers`, `unsupported`, `network`. The check report embeds them per model.
    public static func members(_ analysis: ModelAnalysis) -> [(String, JSONValue)] {
        [
            ("model", model(analysis.model)),
            ("options", .object([
                ("bounds", .string(analysis.options.bounds.rawValue)),
                ("exactTolerance", .number(analysis.options.exactTolerance)),
                ("asymptoticTolerance", .number(analysis.options.asymptoticTolerance)),
                ("sizeSpecific", .bool(analysis.options.sizeSpecific)),
                ("inputRanges", .object(analysis.options.inputRanges.sorted { $0.key < $1.key }.map {
                    ($0.key, .array([.number($0.value.lowerBound), .number($0.value.upperBound)]))
                })),
            ])),
            ("inputs", .array(analysis.inputs.map(input))),
            ("layers", .array(analysis.layers.map(layer))),
            ("unsupported", .array(analysis.unsupported.map(unsupported))),
            ("network", JSONValue.optional(analysis.network, network)),
        ]
    }

    /// `network`: the whole-network bound per output (docs/spectral-methods §6).
    static func network(_ n: NetworkBound) -> JSONValue {
        .object([
            ("wrt", .array(n.wrt.map(JSONValue.string))),
            ("boundUsed", .string(n.boundUsed)),
            ("sizeSpecific", .bool(n.sizeSpecific)),
            ("outputs", .array(n.outputs.map { o in
                .object([
                    ("name", .string(o.name)),
                    ("upper", .number(o.upper)),
                    ("kind", .string(o.kind)),
                    ("criticalPath", .array(o.criticalPath.map { step in
                        .object([("node", .string(step.node)), ("op", .string(step.op)), ("factor", .number(step.factor))])
                    })),
                    ("blockingOps", .array(o.blockingOps.map { b in
                        .object([("node", .string(b.node)), ("op", .string(b.op)), ("reason", .string(b.reason))])
                    })),
                ])
            })),
            ("naiveProduct", .number(n.naiveProduct)),
        ])
    }

    static func model(_ m: ModelSummary) -> JSONValue {
        .object([
            ("path", .string(m.path)),
            ("sha256", .string(m.sha256)),
            ("irVersion", .int(Int(m.irVersion))),
            ("producer", .object([("name", .string(m.producerName)), ("version", .string(m.producerVersion))])),
            ("opsets", .object(m.opsets.sorted { $0.key < $1.key }.map { ($0.key, .int(Int($0.value))) })),
        ])
    }

    static func input(_ i: ResolvedInput) -> JSONValue {
        .object([
            ("name", .string(i.name)),
            ("shape", .ints(i.shape)),
            ("declaredShape", .array(i.symbolic.map { dim in
                switch dim {
                case .value(let v): return .int(Int(v))
                case .symbol(let s): return .string(s)
                case .unknown: return .null
                }
            })),
            ("elementType", JSONValue.optional(i.elementType) { .string($0.description) }),
        ])
    }

    static func layer(_ l: LayerAnalysis) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("node", .string(l.name)), ("nodeIndex", .int(l.nodeIndex)), ("graph", .string(l.graph)),
            ("op", .string(l.op)),
        ]
        switch l.layer {
        case .conv(let c):
            members += [
                ("weight", .string(c.weightName)),
                ("weightsStatic", .bool(c.weightsStatic)),
                ("weightsReason", weightsReason(c.weights)),
                ("weightShape", .ints(c.weightShape)),
                ("kernel", .ints(c.kernel)),
                ("inputSize", .ints(c.inputSize)),
                ("outputSize", .ints(c.outputSize)),
                ("stride", .ints(c.stride)),
                ("dilation", .ints(c.dilation)),
                ("pads", .ints(c.pads)),
                ("group", .int(c.group)),
                ("outputPadding", .ints(c.outputPadding)),
                ("inputChannels", .int(c.inputChannels)),
                ("outputChannels", .int(c.outputChannels)),
                ("spatialRank", .int(c.spatialRank)),
                ("quantized", .bool(c.quantized)),
                ("integerUnits", .bool(c.integerUnits)),
            ]
        case .dense(let d):
            members += [
                ("weight", .string(d.weightName)),
                ("weightsStatic", .bool(d.weightsStatic)),
                ("weightsReason", weightsReason(d.weights)),
                ("weightShape", .ints(d.weightShape)),
                ("kernel", .null), ("inputSize", .null), ("outputSize", .null), ("stride", .null),
                ("dilation", .null), ("pads", .null), ("group", .null),
                ("alpha", .number(d.alpha)), ("transA", .bool(d.transA)), ("transB", .bool(d.transB)),
                ("quantized", .bool(false)),
            ]
        }
        if let effort = l.effort { members.append(("effort", .string(l.refined ? "refined" : effort.rawValue))) }
        if !l.figures.isEmpty {
            members.append(("bounds", .object(l.figures.reported.map { ($0.key, figure($0)) })))
        }
        return .object(members)
    }

    static func weightsReason(_ weights: ConvLayer.Weights) -> JSONValue {
        if case .notStatic(let reason) = weights { return .string(reason) }
        return .null
    }

    static func figure(_ f: ReportedFigure) -> JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(f.kind.rawValue)), ("sizeSpecific", .bool(f.sizeSpecific))]
        if let reason = f.reason {
            members.append(("reason", .string(reason)))
            return .object(members)
        }
        for field in f.fields {
            let value: JSONValue
            switch field.value {
            case .number(let v): value = .number(v)
            case .integer(let i): value = .int(i)
            case .flag(let b): value = .bool(b)
            case .size(let s): value = .array([.int(s.h), .int(s.w)])
            case .numbers(let vs): value = .array(vs.map(JSONValue.number))
            case .text(let t): value = .string(t)
            }
            members.append((field.name, value))
        }
        return .object(members)
    }

    static func unsupported(_ u: UnsupportedLayer) -> JSONValue {
        .object([
            ("node", .string(u.name)), ("nodeIndex", .int(u.nodeIndex)), ("graph", .string(u.graph)),
            ("op", .string(u.op)), ("reason", .string(u.reason)),
        ])
    }
}
