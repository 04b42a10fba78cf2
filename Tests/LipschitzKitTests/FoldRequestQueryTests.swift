import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// `NetworkBoundCalculator.foldRequests()` lists, without propagating, exactly the folded-conv certificates the
/// pass asks for. (`LoadedModel.bound` checks this on every model the LipschitzKit tests bound; these cases
/// make sure the folds are really there.)
@Suite struct FoldRequestQueryTests {
    /// conv → BN, conv → Mul by a per-channel constant, conv → Div by a scalar, a shared conv output (no fold),
    /// and a conv-form SLL layer (`√s`): the listed requests, and the same keys as the pass's.
    @Test func listsEveryFoldThePassAsksFor() throws {
        var rng = SeededGenerator(seed: 31)
        var g = GraphBuilder()
        g.input("x", [1, 2, 5, 5])
        let c0 = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, rng: &rng)
        let bn = g.batchNorm(
            c0, gamma: [4, -0.1, 0.2], beta: [0.1, 0.2, 0.3], mean: [0.5, -0.5, 0], variance: [0.25, 4, 1], epsilon: 1e-3)
        let c1 = g.conv(bn, cin: 3, cout: 3, k: 3, pad: 1, rng: &rng)
        g.weight("s", [1, 3, 1, 1], [0.5, -2, 3])
        let scaled = g.node("Mul", ["s", c1])
        let c2 = g.conv(scaled, cin: 3, cout: 3, k: 3, pad: 1, rng: &rng)
        g.weight("d", [], [-4])
        let divided = g.node("Div", [c2, "d"])
        let c3 = g.conv(divided, cin: 3, cout: 3, k: 3, pad: 1, rng: &rng)
        let shared = g.node("Add", [g.node("Mul", [c3, "s"]), c3])
        // A conv-form SLL layer with a per-channel scale.
        let attributes: [ONNXWriter.Attribute] = [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]
        g.weight("W", [4, 3, 3, 3], rng.normals(4 * 3 * 9).map { $0 * 0.2 })
        g.weight("sll", [1, 4, 1, 1], [0.1, 0.2, 0.3, 0.4])
        let inner = g.node("Conv", [shared, "W"], nil, attributes)
        let u = g.node("Mul", [g.node("Relu", [inner]), "sll"])
        g.output(g.node("Sub", [shared, g.node("ConvTranspose", [u, "W"], nil, attributes)], "y"))
        let m = try g.load()

        let recording = FoldRecordingBounds(ExactOperatorBounds())
        let calculator = try NetworkBoundCalculator(
            model: m.model, layers: m.layers, bounds: recording, options: .init(boundUsed: .embedding, sizeSpecific: true))
        let listed = calculator.foldRequests()
        _ = calculator.compute()
        // Nodes: 0 Conv, 1 BN, 2 Conv, 3 Mul, 4 Conv, 5 Div, 6 Conv (shared output), …, 9 the SLL layer's Conv.
        #expect(listed.map(\.conv.nodeIndex) == [0, 2, 4, 9])
        #expect(listed.first?.scale.count == 3 && listed.last?.scale.count == 4)
        #expect(FoldRecordingBounds.keys(listed) == recording.requests)
        #expect(recording.requests.count == 4)
    }
}
