import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// GroupSort over groups of four written as a comparator network (Split into four, Max/Min, Concat)
/// (spectral-methods §7.1): a per-pixel permutation of the parts, jointly 1-Lipschitz.
extension LipschitzByDesignTests {
    /// Split `x` along the channels into `count` equal parts; returns their names.
    static func split(_ g: inout GraphBuilder, _ x: String, count: Int) -> [String] {
        let outputs = (0..<count).map { "part\(g.nodes.count)_\($0)" }
        g.nodes.append(ONNXWriter.node(op: "Split", inputs: [x], outputs: outputs, name: "Split\(g.nodes.count)",
                                       attributes: [.int("axis", 1)]))
        return outputs
    }

    /// Applies the comparators `(i, j)` in order (lane `i` gets the max, lane `j` the min); returns the lanes.
    static func sortingNetwork(_ g: inout GraphBuilder, _ lanes: [String], _ comparators: [(Int, Int)]) -> [String] {
        var lanes = lanes
        for (i, j) in comparators {
            (lanes[i], lanes[j]) = (g.node("Max", [lanes[i], lanes[j]]), g.node("Min", [lanes[i], lanes[j]]))
        }
        return lanes
    }

    /// Orthogonal 1×1 conv, GroupSort-4 as the five-comparator network, twice: true constant exactly 1.
    @Test func groupSortFourAsAComparatorNetworkIsOneLipschitz() throws {
        var rng = SeededGenerator(seed: 85)
        var g = GraphBuilder()
        let shape = [1, 8, 2, 2]
        g.input("x", shape)
        var t = "x"
        for _ in 0..<2 {
            t = g.pointwise(t, OrthogonalMatrices.orthogonal(8, rng: &rng), channels: 8)
            let lanes = Self.sortingNetwork(&g, Self.split(&g, t, count: 4), [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)])
            t = g.node("Concat", lanes, nil, [.int("axis", 1)])
        }
        g.output(g.node("Identity", [t], "y"))
        try expectTightUnitBound(try g.load(), shape: shape, seed: 6, step: "GroupSort (sorting network)", steps: 2)
    }

    /// A lane compared twice after being copied (`max(a, b), min(a, b), max(a, c), min(a, c)`) is no
    /// permutation: not matched, and the bound stays above the probes (the copy makes it √2 at least).
    @Test func comparatorNetworkThatCopiesALaneIsNotGroupSort() throws {
        var g = GraphBuilder()
        let shape = [1, 3, 2, 2]
        g.input("x", shape)
        let p = Self.split(&g, "x", count: 3)
        let lanes = [g.node("Max", [p[0], p[1]]), g.node("Min", [p[0], p[1]]),
                     g.node("Max", [p[0], p[2]]), g.node("Min", [p[0], p[2]])]
        g.output(g.node("Concat", lanes, "y", [.int("axis", 1)]))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(!out.criticalPath.contains { $0.op.hasPrefix("GroupSort") }, "\(out.criticalPath)")
        #expect(upper >= probe(m, shape: shape, seed: 7))
        #expect(upper > 1.001)
    }
}
