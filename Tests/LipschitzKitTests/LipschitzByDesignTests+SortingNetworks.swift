import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// GroupSort over groups larger than two written as a comparator network (Split, comparators, Concat), each
/// comparator as Max/Min or in the ReLU form `max(a, b) = b + relu(a − b)`, `min(a, b) = a − relu(a − b)`, in
/// any mix (spectral-methods §7.1): a per-pixel permutation of the parts, jointly 1-Lipschitz.
extension LipschitzByDesignTests {
    /// Split `x` along the channels into `count` equal parts; returns their names.
    static func split(_ g: inout GraphBuilder, _ x: String, count: Int) -> [String] {
        let outputs = (0..<count).map { "part\(g.nodes.count)_\($0)" }
        g.nodes.append(ONNXWriter.node(op: "Split", inputs: [x], outputs: outputs, name: "Split\(g.nodes.count)",
                                       attributes: [.int("axis", 1)]))
        return outputs
    }

    /// How one comparator is written: both outputs as Max/Min, both in the ReLU form, or one of each.
    enum ComparatorForm: CaseIterable, Sendable { case maxMin, relu, maxAndReluMin, reluMaxAndMin }

    /// Applies the comparators `(i, j)` in order, comparator `n` written as `forms[n % forms.count]` (lane `i`
    /// gets the max, lane `j` the min); returns the lanes.
    static func sortingNetwork(
        _ g: inout GraphBuilder, _ lanes: [String], _ comparators: [(Int, Int)], forms: [ComparatorForm]
    ) -> [String] {
        var lanes = lanes
        for (n, (i, j)) in comparators.enumerated() {
            let (a, b) = (lanes[i], lanes[j])
            let form = forms[n % forms.count]
            let r = form == .maxMin ? "" : g.node("Relu", [g.node("Sub", [a, b])])
            let max = form == .maxMin || form == .maxAndReluMin ? g.node("Max", [a, b]) : g.node("Add", [r, b])
            let min = form == .maxMin || form == .reluMaxAndMin ? g.node("Min", [a, b]) : g.node("Sub", [a, r])
            (lanes[i], lanes[j]) = (max, min)
        }
        return lanes
    }

    static let groupSortFour = [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)]

    /// Orthogonal 1×1 conv then GroupSort-4 as the five-comparator network, twice, with every comparator as
    /// Max/Min, every one in the ReLU form, or the forms mixed: bound in [1, 1 + 1e-9], above the probes, one
    /// step per network.
    @Test(arguments: [[ComparatorForm.maxMin], [.relu], [.relu, .maxMin, .maxAndReluMin, .reluMaxAndMin]])
    func groupSortFourAsAComparatorNetworkIsOneLipschitz(forms: [ComparatorForm]) throws {
        var rng = SeededGenerator(seed: 101)
        var g = GraphBuilder()
        let shape = [1, 8, 2, 2]
        g.input("x", shape)
        var t = "x"
        for _ in 0..<2 {
            t = g.pointwise(t, OrthogonalMatrices.orthogonal(8, rng: &rng), channels: 8)
            let lanes = Self.sortingNetwork(&g, Self.split(&g, t, count: 4), Self.groupSortFour, forms: forms)
            t = g.node("Concat", lanes, nil, [.int("axis", 1)])
        }
        g.output(g.node("Identity", [t], "y"))
        let m = try g.load()
        try expectTightUnitBound(m, shape: shape, seed: 8, step: "GroupSort (sorting network)", steps: 2, "\(forms)")
        #expect(try #require(try m.bound().outputs[0].upper) <= 1 + 1e-9)
    }

    enum ComparatorNearMiss: CaseIterable, Sendable { case copiedLane, copiedLaneReluForm, mismatchedReluOperands }

    /// Not a sorting network: a network that compares a lane twice after copying it (`max(a, b), min(a, b),
    /// max(a, c), min(a, c)`, as Max/Min and in the ReLU form: no permutation, the copy makes the constant √2
    /// at least), and a ReLU-form max whose `relu` reads another lane (`b + relu(a − c)`). Neither matches;
    /// both stay above the probes.
    @Test(arguments: ComparatorNearMiss.allCases)
    func comparatorNetworkNearMissesAreNotGroupSort(nearMiss: ComparatorNearMiss) throws {
        var g = GraphBuilder()
        let shape = [1, 3, 2, 2]
        g.input("x", shape)
        let p = Self.split(&g, "x", count: 3)
        let lanes: [String]
        switch nearMiss {
        case .copiedLane, .copiedLaneReluForm:
            let forms: [ComparatorForm] = nearMiss == .copiedLane ? [.maxMin] : [.relu]
            lanes = Self.sortingNetwork(&g, [p[0], p[1]], [(0, 1)], forms: forms)
                + Self.sortingNetwork(&g, [p[0], p[2]], [(0, 1)], forms: forms)
        case .mismatchedReluOperands:
            let r = g.node("Relu", [g.node("Sub", [p[0], p[1]])])
            let wrong = g.node("Relu", [g.node("Sub", [p[0], p[2]])])
            lanes = [g.node("Add", [wrong, p[1]]), g.node("Sub", [p[0], r]), p[2]]
        }
        g.output(g.node("Concat", lanes, "y", [.int("axis", 1)]))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(!out.criticalPath.contains { $0.op.hasPrefix("GroupSort") || $0.op == "MaxMin" }, "\(out.criticalPath)")
        #expect(upper >= probe(m, shape: shape, seed: 9))
        #expect(upper > 1.001)
    }
}
