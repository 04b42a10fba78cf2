import Testing
@testable import ONNXModel

/// Constant folding: static values through Constant, layout, shape-arithmetic and element-wise operators.
@Suite struct FoldingTests {
    /// Runs the static pass over `g` and returns the folded value of `name`.
    func folded(_ g: TestGraph, _ name: String, opset: Int64 = 22, inputShapes: [String: [Int]] = [:],
                limits: FoldingLimits = FoldingLimits()) -> FoldedTensor? {
        let pass = StaticShapePass(opset: opset, limits: limits, isSite: { _ in false })
        return pass.run(g.graph, inputShapes: inputShapes).constant(name)
    }

    @Test func constantNodeForms() {
        var g = TestGraph()
        g.node("Constant", [], ["t"], ["value": .tensor(Tensor(name: "v", dims: [2], doubles: [1.5, 2.5]))])
        g.node("Constant", [], ["f"], ["value_float": .float(0.5)])
        g.node("Constant", [], ["fs"], ["value_floats": .floats([1, 2, 3])])
        g.node("Constant", [], ["i"], ["value_int": .int(7)])
        g.node("Constant", [], ["is"], ["value_ints": .ints([4, 5])])
        #expect(folded(g, "t")?.values == [1.5, 2.5])
        #expect(folded(g, "f")?.dims == [])
        #expect(folded(g, "f")?.values == [0.5])
        #expect(folded(g, "fs")?.dims == [3])
        #expect(folded(g, "i")?.elementType == .int64)
        #expect(folded(g, "is")?.values == [4, 5])
    }

    @Test func graphInputWithInitializerIsAWeightWithoutIsNot() {
        var g = TestGraph()
        g.weight("w", [2], [1, 2], listAsInput: true)
        g.input("x", [2])
        g.node("Identity", ["w"], ["a"])
        g.node("Identity", ["x"], ["b"])
        #expect(folded(g, "a")?.values == [1, 2])
        #expect(folded(g, "b") == nil)
    }

    @Test func layoutChainTransposeReshapeSqueeze() {
        var g = TestGraph()
        g.weight("w", [2, 3], [1, 2, 3, 4, 5, 6])
        g.ints("shape", [3, 1, 2])
        g.ints("axes", [1])
        g.node("Transpose", ["w"], ["t"])  // default perm reverses: [[1,4],[2,5],[3,6]]
        g.node("Reshape", ["t", "shape"], ["r"])
        g.node("Squeeze", ["r", "axes"], ["s"])
        g.node("Unsqueeze", ["s"], ["u"], ["axes": .list([0])])  // opset-11 attribute form
        g.node("Flatten", ["u"], ["f"], ["axis": .int(2)])
        #expect(folded(g, "t")?.values == [1, 4, 2, 5, 3, 6])
        #expect(folded(g, "r")?.dims == [3, 1, 2])
        #expect(folded(g, "s")?.dims == [3, 2])
        #expect(folded(g, "u")?.dims == [1, 3, 2])
        #expect(folded(g, "f")?.dims == [3, 2])
        #expect(folded(g, "f")?.values == [1, 4, 2, 5, 3, 6])
    }

    @Test func castTruncatesAndRoundsToFloat() {
        var g = TestGraph()
        g.weight("w", [4], [1.7, -1.7, 0, 0.1])
        g.node("Cast", ["w"], ["i"], ["to": .int(Int64(ElementType.int64.rawValue))])
        g.node("Cast", ["w"], ["b"], ["to": .int(Int64(ElementType.bool.rawValue))])
        g.node("Cast", ["w"], ["f"], ["to": .int(Int64(ElementType.float.rawValue))])
        #expect(folded(g, "i")?.values == [1, -1, 0, 0])
        #expect(folded(g, "i")?.elementType == .int64)
        #expect(folded(g, "b")?.values == [1, 1, 0, 1])
        #expect(folded(g, "f")?.values.last == Double(Float(0.1)))
    }

    @Test func dequantizeLinearPerTensorAndPerAxis() {
        var g = TestGraph()
        g.ints("q", [0, 10, 20, 30, 40, 50], dims: [2, 3])
        g.weight("s", [], [0.5])
        g.ints("z", [10], dims: [])
        g.node("DequantizeLinear", ["q", "s", "z"], ["perTensor"])
        g.weight("sa", [2], [1, 2])
        g.ints("za", [0, 50])
        g.node("DequantizeLinear", ["q", "sa", "za"], ["perAxis"], ["axis": .int(0)])
        g.weight("sc", [3], [1, 10, 100])
        g.node("DequantizeLinear", ["q", "sc"], ["perColumn"])  // axis defaults to 1
        #expect(folded(g, "perTensor")?.values == [-5, 0, 5, 10, 15, 20])
        #expect(folded(g, "perAxis")?.values == [0, 10, 20, -40, -20, 0])
        #expect(folded(g, "perColumn")?.values == [0, 100, 2000, 30, 400, 5000])
    }

    @Test func arithmeticBroadcastsLikeNumpy() {
        var g = TestGraph()
        g.weight("a", [2, 3], [1, 2, 3, 4, 5, 6])
        g.weight("row", [3], [10, 20, 30])
        g.weight("col", [2, 1], [2, 4])
        g.node("Add", ["a", "row"], ["sum"])
        g.node("Mul", ["a", "col"], ["product"])
        g.node("Sub", ["row", "a"], ["difference"])
        g.node("Div", ["a", "col"], ["quotient"])
        #expect(folded(g, "sum")?.values == [11, 22, 33, 14, 25, 36])
        #expect(folded(g, "product")?.values == [2, 4, 6, 16, 20, 24])
        #expect(folded(g, "difference")?.values == [9, 18, 27, 6, 15, 24])
        #expect(folded(g, "quotient")?.values == [0.5, 1, 1.5, 1, 1.25, 1.5])
        #expect(folded(g, "sum")?.dims == [2, 3])
    }

    @Test func integerDivisionTruncates() {
        var g = TestGraph()
        g.ints("a", [7, -7, 9])
        g.ints("b", [2], dims: [])
        g.node("Div", ["a", "b"], ["q"])
        #expect(folded(g, "q")?.values == [3, -3, 4])
    }

    @Test func shapeArithmeticBuildsAReshapeTarget() {
        // The exporter pattern: Shape → Gather → Unsqueeze → Concat(−1) → Reshape.
        var g = TestGraph()
        g.input("x", [.symbol("N"), .value(8), .value(4), .value(5)])
        g.ints("zero", [0], dims: [])
        g.ints("minusOne", [-1])
        g.node("Shape", ["x"], ["shape"])
        g.node("Gather", ["shape", "zero"], ["batch"])
        g.node("Unsqueeze", ["batch", "axes"], ["batch1"])
        g.ints("axes", [0])
        g.node("Concat", ["batch1", "minusOne"], ["target"], ["axis": .int(0)])
        g.node("Reshape", ["x", "target"], ["y"])
        let pass = StaticShapePass(opset: 13, limits: FoldingLimits(), isSite: { _ in false })
        let scope = pass.run(g.graph, inputShapes: ["x": [1, 8, 4, 5]])
        #expect(scope.constant("shape")?.values == [1, 8, 4, 5])
        #expect(scope.constant("batch")?.dims == [])
        #expect(scope.constant("target")?.values == [1, -1])
        #expect(scope.shape("y") == [1, 160])
    }

    @Test func sliceWithNegativeAndClampedBounds() {
        var g = TestGraph()
        g.weight("v", [6], [0, 1, 2, 3, 4, 5])
        g.ints("s1", [-3])
        g.ints("e1", [Int(Int64.max)])
        g.node("Slice", ["v", "s1", "e1"], ["tail"])
        g.ints("s2", [-1])
        g.ints("e2", [Int(Int64.min)])
        g.ints("ax", [0])
        g.ints("st", [-2])
        g.node("Slice", ["v", "s2", "e2", "ax", "st"], ["reversed"])
        g.ints("s3", [2])
        g.ints("e3", [100])
        g.node("Slice", ["v", "s3", "e3"], ["clamped"])
        g.node("Slice", ["v"], ["legacy"], ["starts": .list([1]), "ends": .list([3])])
        #expect(folded(g, "tail")?.values == [3, 4, 5])
        #expect(folded(g, "reversed")?.values == [5, 3, 1])
        #expect(folded(g, "clamped")?.values == [2, 3, 4, 5])
        #expect(folded(g, "legacy", opset: 9)?.values == [1, 2])
    }

    @Test func rangeExpandTileConstantOfShape() {
        var g = TestGraph()
        g.ints("start", [1], dims: [])
        g.ints("limit", [10], dims: [])
        g.ints("delta", [3], dims: [])
        g.node("Range", ["start", "limit", "delta"], ["r"])
        g.weight("col", [2, 1], [1, 2])
        g.ints("to", [2, 3])
        g.node("Expand", ["col", "to"], ["e"])
        g.ints("reps", [1, 2])
        g.node("Tile", ["col", "reps"], ["t"])
        g.ints("dims", [2, 2])
        g.node("ConstantOfShape", ["dims"], ["c"], ["value": .tensor(Tensor(name: "v", dims: [1], int64s: [7]))])
        #expect(folded(g, "r")?.values == [1, 4, 7])
        #expect(folded(g, "e")?.values == [1, 1, 1, 2, 2, 2])
        #expect(folded(g, "t")?.values == [1, 1, 2, 2])
        #expect(folded(g, "c")?.values == [7, 7, 7, 7])
        #expect(folded(g, "c")?.elementType == .int64)
    }

    @Test func gatherConcatSplitWhereReduce() {
        var g = TestGraph()
        g.weight("m", [2, 3], [1, 2, 3, 4, 5, 6])
        g.ints("idx", [2, 0])
        g.node("Gather", ["m", "idx"], ["cols"], ["axis": .int(1)])
        g.node("Concat", ["m", "m"], ["both"], ["axis": .int(-1)])
        g.node("Split", ["m"], ["left", "right"], ["axis": .int(1), "split": .list([1, 2])])
        g.node("Greater", ["m", "three"], ["mask"])
        g.weight("three", [], [3])
        g.node("Where", ["mask", "m", "three"], ["clipped"])
        g.node("ReduceSum", ["m"], ["rowSums"], ["axes": .list([1]), "keepdims": .int(0)])
        g.node("ReduceProd", ["m"], ["all"], ["keepdims": .int(1)])
        #expect(folded(g, "cols")?.values == [3, 1, 6, 4])
        #expect(folded(g, "both")?.dims == [2, 6])
        #expect(folded(g, "both")?.values == [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
        #expect(folded(g, "right")?.values == [2, 3, 5, 6])
        // Initializers are static whatever the node order; Where keeps m where m > 3, else 3.
        #expect(folded(g, "clipped")?.values == [3, 3, 3, 4, 5, 6])
        #expect(folded(g, "rowSums")?.values == [6, 15])
        #expect(folded(g, "all")?.dims == [1, 1])
        #expect(folded(g, "all")?.values == [720])
    }

    @Test func whereSelectsWithBroadcasting() {
        var g = TestGraph()
        g.weight("m", [2, 2], [1, 5, 2, 6])
        g.weight("three", [], [3])
        g.node("Greater", ["m", "three"], ["mask"])
        g.node("Where", ["mask", "three", "m"], ["clipped"])
        #expect(folded(g, "mask")?.elementType == .bool)
        #expect(folded(g, "clipped")?.values == [1, 3, 2, 3])
    }

    @Test func hugeFoldedValuesAreRefusedNotAllocated() {
        var g = TestGraph()
        g.ints("dims", [1 << 20, 1 << 20])
        g.node("ConstantOfShape", ["dims"], ["huge"])
        g.weight("w", [4, 4])
        g.node("Transpose", ["w"], ["wt"])
        let limits = FoldingLimits(maxElements: 8, maxTotalElements: 100)
        #expect(folded(g, "huge", limits: limits) == nil)
        #expect(folded(g, "wt", limits: limits) == nil)
        #expect(folded(g, "wt")?.dims == [4, 4])
        // The shape is still known where the folder refused the value.
        let pass = StaticShapePass(opset: 22, limits: limits, isSite: { _ in false })
        let scope = pass.run(g.graph, inputShapes: [:])
        #expect(scope.shape("huge") == [1 << 20, 1 << 20])
        #expect(scope.reason(for: "wt")?.contains("too large") == true)
    }

    @Test func subgraphsSeeOuterConstantsAndAFoldedIfPicksItsBranch() {
        var thenBranch = TestGraph(path: "main/if.then_branch")
        thenBranch.node("Identity", ["outer"], ["thenOut"])
        thenBranch.outputs = [ValueInfo(name: "thenOut", elementType: .double, shape: nil)]
        var elseBranch = TestGraph(path: "main/if.else_branch")
        elseBranch.weight("other", [1], [9])
        elseBranch.node("Identity", ["other"], ["elseOut"])
        elseBranch.outputs = [ValueInfo(name: "elseOut", elementType: .double, shape: nil)]
        var g = TestGraph()
        g.weight("outer", [2], [1, 2])
        g.ints("one", [1], dims: [])
        g.ints("two", [2], dims: [])
        g.node("Less", ["one", "two"], ["condition"])
        g.node("If", ["condition"], ["result"], name: "if",
               ["then_branch": .graph(thenBranch.graph), "else_branch": .graph(elseBranch.graph)])
        let pass = StaticShapePass(opset: 22, limits: FoldingLimits(), isSite: { _ in false })
        let scope = pass.run(g.graph, inputShapes: [:])
        #expect(scope.constant("result")?.values == [1, 2])
        #expect(pass.scopes["main/if.then_branch"]?.constant("thenOut")?.values == [1, 2])
        #expect(pass.scopes["main/if.else_branch"]?.constant("elseOut")?.values == [9])
    }

    @Test func hostileSizesNeitherTrapNorAllocate() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 4, 4])
        g.ints("emptyHuge", [0, 1 << 62])
        g.node("ConstantOfShape", ["emptyHuge"], ["e"])
        g.node("Transpose", ["e"], ["et"])
        g.ints("hugeRepeats", [1 << 62, 1 << 62, 1, 1])
        g.node("Tile", ["x", "hugeRepeats"], ["tiled"])
        g.weight("small", [2, 2])
        g.ints("smallRepeats", [1 << 62, 2])
        g.node("Tile", ["small", "smallRepeats"], ["tiledSmall"])
        g.ints("hugeSplit", [1 << 62, 1 << 62])
        g.node("Split", ["x", "hugeSplit"], ["s1", "s2"], ["axis": .int(2)])
        g.ints("hugePads", [0, 0, 1 << 62, 1 << 62, 0, 0, 1 << 62, 1 << 62])
        g.node("Pad", ["x", "hugePads"], ["padded"])
        g.ints("target", [0, Int(Int64.max)])
        g.node("Reshape", ["e", "target"], ["r"], ["allowzero": .int(1)])
        g.weight("w", [1, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["strides": .ints([Int64.max, 1])])
        g.ints("bigScale", [1], dims: [])
        g.weight("scales", [4], [1, 1, 1e300, 1])
        g.node("Resize", ["x", "", "scales"], ["resized"])
        let layers = try g.layers()
        #expect(layers.unsupported.first?.reason.contains("strides") == true)
        let pass = StaticShapePass(opset: 22, limits: FoldingLimits(), isSite: { _ in false })
        let scope = pass.run(g.graph, inputShapes: ["x": [1, 1, 4, 4]])
        #expect(scope.constant("et") == nil)
        #expect(scope.shape("tiled") == nil)
        #expect(scope.constant("tiledSmall") == nil)
        #expect(scope.shape("s1") == nil)
        #expect(scope.shape("padded") == nil)
        #expect(scope.shape("resized") == nil)
        #expect(scope.shape("r") == nil)
    }
}
