import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// If with an input-independent condition: the larger branch bound (the chosen branch when the condition is
/// constant); an input-dependent condition is unknown.
@Suite struct ControlFlowTests {
    func model(condition: ONNXWriter.Tensor?) throws -> LoadedModel {
        var g = GraphBuilder()
        g.input("x", [1, 1, 4, 4])
        if let condition { g.initializers.append(condition) } else { g.input("c", [], type: .bool) }
        func branch(_ name: String, _ scale: Double) -> ONNXWriter.Graph {
            ONNXWriter.graph(
                name: name,
                nodes: [ONNXWriter.node(op: "Mul", inputs: ["x", "\(name)_k"], outputs: ["\(name)_y"], name: "scale")],
                initializers: [ONNXWriter.tensor(name: "\(name)_k", dims: [1], doubles: [scale])],
                outputs: [ONNXWriter.valueInfo(name: "\(name)_y", elementType: .float, shape: nil)])
        }
        g.nodes.append(ONNXWriter.node(
            op: "If", inputs: ["c"], outputs: ["y"], name: "choose",
            attributes: [.graph("then_branch", branch("a", 3)), .graph("else_branch", branch("b", -5))]))
        g.output("y")
        return try g.load()
    }

    @Test func independentConditionTakesTheLargerBranch() throws {
        let out = try model(condition: nil).bound().outputs[0]
        #expect(out.upper == 5)
        #expect(out.criticalPath == [
            PathStep(node: "main/choose.else_branch/scale", op: "Mul", factor: 5), PathStep(node: "choose", op: "If", factor: 1),
        ])
    }

    @Test func constantConditionTakesItsBranch() throws {
        let condition = ONNXWriter.tensor(name: "c", dims: [], int32s: [1], dataType: .bool)
        #expect(try model(condition: condition).bound().outputs[0].upper == 3)
    }

    @Test func inputDependentConditionIsUnknown() throws {
        var g = GraphBuilder()
        g.input("x", [1])
        let positive = g.node("Greater", ["x", g.scalar(0)])
        let branch = ONNXWriter.graph(
            name: "b", nodes: [ONNXWriter.node(op: "Identity", inputs: ["x"], outputs: ["z"])],
            outputs: [ONNXWriter.valueInfo(name: "z", elementType: .float, shape: nil)])
        g.nodes.append(ONNXWriter.node(
            op: "If", inputs: [positive], outputs: ["y"], name: "choose",
            attributes: [.graph("then_branch", branch), .graph("else_branch", branch)]))
        g.output("y")
        let out = try g.load().bound().outputs[0]
        #expect(out.kind == "unknown")
        #expect(Set(out.blockingOps.map(\.op)) == ["Greater", "If"])
    }
}
