import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Rules read the pass through `PassView` and return what they learn in a `RuleOutcome`: applying a rule again
/// to a finished pass gives the outcome the pass recorded and changes nothing in the pass.
@Suite struct RuleOutcomeTests {
    @Test func reapplyingEveryRuleReturnsWhatThePassRecordedAndWritesNothing() throws {
        var rng = SeededGenerator(seed: 12)
        var g = GraphBuilder()
        g.input("x", [1, 2, 5, 5])
        let c = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, bias: true, rng: &rng)
        let bn = g.batchNorm(c, gamma: [2, -0.5, 0.25], beta: [0.1, 0.2, 0.3], mean: [0.5, -0.5, 0], variance: [0.25, 4, 1])
        let relu = g.node("Relu", [bn])
        let shared = g.conv(relu, cin: 3, cout: 2, k: 1, rng: &rng)
        g.output(g.node("Add", [shared, g.node("Sigmoid", [shared])], "y"))
        let m = try g.load()
        let calculator = try NetworkBoundCalculator(
            model: m.model, layers: m.layers, bounds: ExactOperatorBounds(), options: .init(inputRanges: ["x": 0...1]))
        let pass = NetworkPass(calculator: calculator)
        pass.run()
        let channels = pass.channelRanges, layerBounds = pass.layerBounds, norms = pass.norms
        let bounds = pass.states.mapValues { $0.lipschitz }
        #expect(layerBounds.count == 2 && !channels.isEmpty)

        for node in m.model.graph.nodes {
            let rule = try #require(RuleRegistry.standard.rule(for: node.opType))
            let outcome = rule.outcome(of: node, in: PassView(pass))
            #expect(outcome.outputs.count == node.outputs.count)
            // The pass records exactly the layer bounds the rules return.
            if let recorded = layerBounds[node.index] {
                #expect(outcome.unfoldedLayerBound == .some(recorded), "\(node.opType)")
            } else {
                #expect(outcome.unfoldedLayerBound == nil, "\(node.opType)")
            }
            // Recorded channel ranges are the rule's, clipped to the norm bound: inside them.
            for (name, learned) in outcome.channelRanges {
                #expect(node.outputs.contains(name))
                let kept = try #require(channels[name])
                #expect(kept.count == learned.count)
                for (k, l) in zip(kept, learned) { #expect(k.lower >= l.lower && k.upper <= l.upper, "\(name)") }
            }
            for (position, output) in node.outputs.enumerated() where channels[output] != nil {
                #expect(outcome.channelRanges[output] != nil, "output \(position) of \(node.opType)")
            }
        }
        // Applying the rules wrote nothing into the pass.
        #expect(pass.channelRanges == channels && pass.layerBounds == layerBounds && pass.norms == norms)
        #expect(pass.states.mapValues { $0.lipschitz } == bounds)
    }
}
