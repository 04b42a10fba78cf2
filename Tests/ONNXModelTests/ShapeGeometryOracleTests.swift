import Foundation
import Testing
@testable import ONNXModel

/// 400 seeded random one-node Conv/ConvTranspose/MaxPool/AveragePool geometries (every auto_pad mode,
/// strides, dilations, asymmetric pads, groups, output_padding, output_shape, ceil_mode; 1-D and 2-D) with the
/// output shape onnxruntime computed (fixtures/reference-shapes/conv-geometry.json, written by
/// scripts/record-reference-shapes.py). The static shape pass must agree on every valid case onnxruntime
/// accepts, and give no size for degenerate ones.
@Suite struct ShapeGeometryOracleTests {
    struct Reference: Decodable {
        struct Case: Decodable {
            var op: String
            var x: [Int]
            var w: [Int]?
            var attrs: [String: Attribute]
            var output: [Int]?
            var degenerate: Bool
        }
        /// An attribute value as JSON holds it: an int list, an int or a string.
        enum Attribute: Decodable {
            case ints([Int])
            case int(Int)
            case text(String)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let values = try? container.decode([Int].self) {
                    self = .ints(values)
                } else if let value = try? container.decode(Int.self) {
                    self = .int(value)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
            var value: AttributeValue {
                switch self {
                case .ints(let v): return .list(v)
                case .int(let v): return .int(Int64(v))
                case .text(let v): return .text(v)
                }
            }
        }
        var cases: [Case]
    }

    static func load() throws -> Reference {
        let path = RealModelShapeTests.root + "reference-shapes/conv-geometry.json"
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func everyAcceptedGeometryMatchesOnnxruntime() throws {
        let reference = try Self.load()
        var checked = 0
        for (index, c) in reference.cases.enumerated() {
            guard let expected = c.output else { continue }
            // onnxruntime sizes dilated SAME pooling with the undilated kernel (the spec uses the dilated
            // one, as liplint does): not comparable.
            if c.op.hasSuffix("Pool"), case .text(let mode)? = c.attrs["auto_pad"], mode.hasPrefix("SAME"),
                case .ints(let dilations)? = c.attrs["dilations"], dilations.contains(where: { $0 > 1 })
            {
                continue
            }
            var g = TestGraph()
            g.input("x", c.x)
            var inputs = ["x"]
            if let w = c.w {
                g.weight("w", w, [Double](repeating: 0.1, count: w.reduce(1, *)))
                inputs.append("w")
            }
            g.node(c.op, inputs, ["y"], c.attrs.mapValues(\.value))
            let layers = try g.layers()
            if c.degenerate {
                // A kernel larger than its padded input: onnxruntime returns arbitrary sizes; liplint, none.
                #expect(layers.shapes["y"] == nil, "case \(index)")
                continue
            }
            #expect(layers.shapes["y"] == expected, "case \(index): \(c.op) x \(c.x) w \(c.w ?? []) \(c.attrs)")
            if c.op.hasPrefix("Conv") {
                let layer = try #require(layers.convs.first, "case \(index)")
                let spatial = Array(expected.dropFirst(2))
                #expect(layer.outputSize == (spatial.count == 1 ? [1] + spatial : spatial), "case \(index)")
                #expect(layer.padsResolved, "case \(index)")
            }
            checked += 1
        }
        #expect(checked > 250)
    }
}
