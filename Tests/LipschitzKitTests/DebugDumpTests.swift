import Foundation
import Testing
import ONNXModel
@testable import LipschitzKit

@Suite struct DebugDumpTests {
    @Test func dump() throws {
        guard let file = ProcessInfo.processInfo.environment["LIPLINT_DUMP"] else { return }
        let shape = ProcessInfo.processInfo.environment["LIPLINT_SHAPE"]!.split(separator: "x").map { Int($0)! }
        let model = try ModelLoader().load(path: RealModelNetworkTests.root + "/fixtures/real/" + file)
        let layers = try ModelLayers.extract(from: model, inputShapes: ["x": shape])
        let calc = try NetworkBoundCalculator(model: model, layers: layers, bounds: ClosedFormLayerBounds(), options: .init(inputRanges: ["x": 0...1]))
        let pass = NetworkPass(calculator: calc)
        pass.run()
        for node in model.graph.nodes {
            guard let out = node.outputs.first, let s = pass.states[out], s.dependsOnInput else { continue }
            print(String(format: "%4d %-20s L=%-10.3g M=%-10.3g N=%-10.3g %@", node.index, node.opType, s.lipschitz ?? -1, s.range.magnitude, pass.norms[out] ?? -1, out))
        }
    }
}
