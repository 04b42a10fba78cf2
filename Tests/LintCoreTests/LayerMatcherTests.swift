import LintCore
import Testing

/// Matching the layers of two models: by name, then by position with the same op and weight shape.
@Suite struct LayerMatcherTests {
    func layer(_ node: String, _ position: Int, op: String = "Conv", shape: [Int] = [4, 4, 3, 3], bound: Double? = 1)
        -> DiffLayer
    {
        DiffLayer(node: node, nodeIndex: position, op: op, weightShape: shape, position: position, bound: bound)
    }

    /// `node:status:matchedBy` per row, in report order.
    func summary(_ rows: [LayerDiff]) -> [String] {
        rows.map { "\($0.node):\($0.status.rawValue):\($0.matchedBy?.rawValue ?? "-")" }
    }

    @Test func sameNamesMatchByName() {
        let old = [layer("a", 0, bound: 2), layer("b", 1, bound: 3)]
        let new = [layer("a", 0, bound: 2), layer("b", 1, bound: 6)]
        let rows = LayerMatcher.match(old: old, new: new)
        #expect(summary(rows) == ["a:unchanged:name", "b:changed:name"])
        #expect(rows[1].change.ratio == 2)
        #expect(rows.allSatisfy { $0.previousNode == nil })
    }

    @Test func aRenamedLayerMatchesByPosition() {
        let old = [layer("a", 0), layer("b", 1), layer("c", 2)]
        let new = [layer("a", 0), layer("b.renamed", 1), layer("c", 2)]
        let rows = LayerMatcher.match(old: old, new: new)
        #expect(summary(rows) == ["a:unchanged:name", "b.renamed:unchanged:position", "c:unchanged:name"])
        #expect(rows[1].previousNode == "b")
    }

    @Test func positionNeedsTheSameOpAndWeightShape() {
        let old = [layer("a", 0), layer("b", 1, shape: [8, 4, 3, 3]), layer("d", 2, op: "Gemm", shape: [10, 4])]
        let new = [layer("a", 0), layer("x", 1, shape: [4, 4, 3, 3]), layer("y", 2, op: "MatMul", shape: [10, 4])]
        let rows = LayerMatcher.match(old: old, new: new)
        // Neither unmatched pair agrees on op and shape: both old layers are removed, both new ones added, and
        // each removed layer is listed where it used to be.
        #expect(summary(rows) == ["a:unchanged:name", "x:added:-", "y:added:-", "b:removed:-", "d:removed:-"])
    }

    @Test func removedLayersAppearWhereTheyWere() {
        let old = [layer("a", 0), layer("b", 1), layer("c", 2, shape: [2, 2, 1, 1]), layer("d", 3)]
        let new = [layer("a", 0), layer("d", 1), layer("e", 2, op: "Gemm", shape: [3, 3])]
        #expect(summary(LayerMatcher.match(old: old, new: new))
                == ["a:unchanged:name", "b:removed:-", "c:removed:-", "d:unchanged:name", "e:added:-"])
    }

    @Test func positionalMatchingKeepsGraphOrder() {
        // Old `p`, `q` and new `q2`, `p2` have the same op and shape: the first new one takes the first old one,
        // and the second cannot go back to an earlier layer.
        let old = [layer("p", 0, bound: 1), layer("q", 1, bound: 2)]
        let new = [layer("q2", 0, bound: 2), layer("p2", 1, bound: 1)]
        let rows = LayerMatcher.match(old: old, new: new)
        #expect(summary(rows) == ["q2:changed:position", "p2:changed:position"])
        #expect(rows.map(\.previousNode) == ["p", "q"])
    }

    @Test func aRepeatedNamePairsInGraphOrder() {
        let old = [layer("dup", 0, bound: 1), layer("dup", 1, bound: 2)]
        let new = [layer("dup", 0, bound: 1), layer("dup", 1, bound: 2), layer("dup", 2, bound: 5)]
        let rows = LayerMatcher.match(old: old, new: new)
        #expect(summary(rows) == ["dup:unchanged:name", "dup:unchanged:name", "dup:added:-"])
        #expect(rows.map(\.change.after) == [1, 2, 5])
    }

    @Test func anUnknownBoundIsReportedAsUnknown() {
        let rows = LayerMatcher.match(old: [layer("a", 0, bound: 2)], new: [layer("a", 0, bound: nil)])
        #expect(summary(rows) == ["a:unknown:name"])
        #expect(rows[0].change.ratio == nil)
        #expect(rows[0].after?.unknownReason != nil)
    }
}

/// Equality within the documented tolerance, ratios, and growth against `max-ratio`.
@Suite struct BoundChangeTests {
    @Test func equalWithinTheRelativeTolerance() {
        #expect(BoundChange(before: 3, after: 3 * (1 + 1e-10)).isUnchanged)
        #expect(!BoundChange(before: 3, after: 3 * (1 + 1e-8)).isUnchanged)
        #expect(BoundChange(before: 0, after: 0).isUnchanged)
        #expect(!BoundChange(before: nil, after: 1).isUnchanged)
    }

    @Test func ratioNeedsAPositiveBefore() {
        #expect(BoundChange(before: 2, after: 5).ratio == 2.5)
        #expect(BoundChange(before: 0, after: 5).ratio == nil)
        #expect(BoundChange(before: 2, after: nil).ratio == nil)
    }

    @Test func growthBeyondMaxRatio() {
        #expect(BoundChange(before: 2, after: 2.2).grew(beyond: 1.05))
        #expect(!BoundChange(before: 2, after: 2.09).grew(beyond: 1.05))
        #expect(!BoundChange(before: 2, after: 1).grew(beyond: 1.05))
        #expect(BoundChange(before: 0, after: 1e-3).grew(beyond: 1.05))
        // With max-ratio 1, only a change beyond the tolerance counts as growth.
        #expect(!BoundChange(before: 2, after: 2 * (1 + 1e-12)).grew(beyond: 1))
        #expect(BoundChange(before: 2, after: 2.001).grew(beyond: 1))
    }
}
