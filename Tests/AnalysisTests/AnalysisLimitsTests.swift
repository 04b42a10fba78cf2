import Testing
import TestSupport
import ONNXModel
@testable import Analysis

/// The caps of `AnalysisLimits` (issue 15): a layer over a cap keeps its place with the concerned figures
/// unavailable and the reason naming the option, the other figures are computed, and nothing aborts. Each
/// case is the minimal input of a geometry that used to abort or run without bound.
@Suite struct AnalysisLimitsTests {
    typealias W = ONNXWriter

    static func analyze(
        op: String = "Conv", input: [W.Dim] = [1, 3, 8, 8], weight: [Int64] = [4, 3, 3, 3], doubles: [Double]? = nil,
        attributes: [W.Attribute] = [], options: AnalysisOptions = AnalysisOptions()
    ) throws -> ModelAnalysis {
        let count = Int(weight.reduce(1, *))
        var generator = SeededGenerator(seed: 1515)
        let values = doubles ?? (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
        let w = W.tensor(name: "W", dims: weight, doubles: values)
        let bytes = W.model(graph: W.graph(
            nodes: [W.node(op: op, inputs: ["x", "W"], outputs: ["y"], name: "n", attributes: attributes)],
            initializers: [w], inputs: [W.valueInfo(name: "x", elementType: .double, shape: input)],
            outputs: [W.valueInfo(name: "y", elementType: .double, shape: nil)]))
        let dir = try FileIO.makeTemporaryDirectory("analysis-limits")
        defer { FileIO.remove(dir) }
        try W.write(bytes, to: dir + "/m.onnx")
        return try ModelAnalyzer(options: options).analyze(path: dir + "/m.onnx")
    }

    /// A figure of `LayerFigures` by name, its value erased (only its state is checked here).
    typealias Pick = (name: String, figure: @Sendable (LayerFigures) -> FigureValue<Bool>)

    static var sizeDependent: [Pick] {
        [("exact", { $0.exact.map { _ in true } }), ("embedding", { $0.embedding.map { _ in true } }),
         ("circulant", { $0.circulant.map { _ in true } })]
    }

    static var sizeIndependent: [Pick] {
        [("asymptotic", { $0.asymptotic.map { _ in true } }), ("closedForm", { $0.closedForm.map { _ in true } }),
         ("fantasticFour", { $0.fantasticFour.map { _ in true } }), ("gram", { $0.gram.map { _ in true } })]
    }

    func expect(_ figures: LayerFigures, _ picks: [Pick], unavailableMentioning needle: String,
                sourceLocation: SourceLocation = #_sourceLocation) {
        for pick in picks {
            let reason = pick.figure(figures).reason
            #expect(reason?.contains(needle) == true, "\(pick.name): \(String(describing: reason))",
                    sourceLocation: sourceLocation)
        }
    }

    func expectAvailable(_ figures: LayerFigures, _ picks: [Pick], sourceLocation: SourceLocation = #_sourceLocation) {
        for pick in picks {
            let figure = pick.figure(figures)
            #expect(figure.isAvailable, "\(pick.name): \(String(describing: figure.reason))", sourceLocation: sourceLocation)
        }
    }

    /// Strides and dilations of 4096 made the polyphase kernel 200 million elements (an abort).
    @Test(arguments: ["strides", "dilations"])
    func hugeStrideOrDilationIsOverTheKernelCap(attribute: String) throws {
        for bounds in [BoundsSelection.fast, .standard] {
            let a = try Self.analyze(
                input: [1, 3, 9000, 9000], attributes: [.ints(attribute, [4096, 4096])], options: AnalysisOptions(bounds: bounds))
            let f = try #require(a.layers.first).figures
            if attribute == "strides" {
                expect(f, Self.sizeIndependent, unavailableMentioning: "--max-kernel-elements")
            } else {
                // A dilated stride-1 layer's size-independent figures use the undilated kernel: they stay.
                expectAvailable(f, Self.sizeIndependent)
                if bounds == .standard { expect(f, Self.sizeDependent, unavailableMentioning: "--max-operator-elements") }
            }
        }
    }

    /// Pads of 2^24 and an input of 100000² used to allocate the operator (ShiftedGemmPlan, 320 GB).
    @Test func hugePadsAndInputsAreOverTheOperatorCap() throws {
        let padded = try Self.analyze(attributes: [.ints("pads", [1 << 24, 1 << 24, 1 << 24, 1 << 24])])
        expect(try #require(padded.layers.first).figures, Self.sizeDependent, unavailableMentioning: "--max-operator-elements")
        expectAvailable(try #require(padded.layers.first).figures, Self.sizeIndependent)
        let wide = try Self.analyze(input: [1, 3, 100_000, 100_000])
        expect(try #require(wide.layers.first).figures, Self.sizeDependent, unavailableMentioning: "--max-operator-elements")
        expectAvailable(try #require(wide.layers.first).figures, Self.sizeIndependent)
        #expect(wide.network?.outputs.first?.upper?.isFinite == true)
    }

    @Test func convTransposeOutputShapeOfTwoToThe24() throws {
        let a = try Self.analyze(
            op: "ConvTranspose", input: [1, 4, 8, 8], attributes: [.ints("output_shape", [1 << 24, 1 << 24])])
        let f = try #require(a.layers.first).figures
        expect(f, Self.sizeDependent, unavailableMentioning: "--max-operator-elements")
        expectAvailable(f, Self.sizeIndependent)
    }

    /// The work cap: a small layer under a tiny cap loses its size-dependent figures only.
    @Test func workCapMarksSizeDependentFiguresUnavailable() throws {
        let limits = AnalysisLimits(maxLayerWork: 10_000)
        let a = try Self.analyze(input: [1, 3, 16, 16], options: AnalysisOptions(limits: limits))
        let f = try #require(a.layers.first).figures
        expect(f, Self.sizeDependent, unavailableMentioning: "--max-layer-work")
        expectAvailable(f, Self.sizeIndependent)
        // Under the default caps the same layer gets every figure.
        expectAvailable(try #require(Self.analyze(input: [1, 3, 16, 16]).layers.first).figures, Self.sizeDependent + Self.sizeIndependent)
    }

    @Test func tensorCapMarksEveryFigureUnavailable() throws {
        let a = try Self.analyze(options: AnalysisOptions(limits: AnalysisLimits(maxTensorElements: 100)))
        let layer = try #require(a.layers.first)
        expect(layer.figures, Self.sizeDependent + Self.sizeIndependent, unavailableMentioning: "--max-tensor-elements")
        #expect(layer.weightStatistics == nil)
    }

    /// Float64 weights of 1e300 are finite, but their Gram matrix is not (LAPACK trapped).
    @Test func hugeFiniteWeightsAreRefusedBeforeTheNumerics() throws {
        let huge = try Self.analyze(doubles: [Double](repeating: 1e300, count: 108))
        expect(try #require(huge.layers.first).figures, Self.sizeDependent + Self.sizeIndependent, unavailableMentioning: "exceeds 1e+100")
        let dense = try Self.analyze(op: "Gemm", input: [1, 8], weight: [8, 4], doubles: [Double](repeating: 1e300, count: 32))
        #expect(try #require(dense.layers.first).figures.denseNorm.reason?.contains("exceeds 1e+100") == true)
        // 1e50 is within range: every figure is computed and scales with the weights.
        let large = try Self.analyze(doubles: [Double](repeating: 1e50, count: 108))
        let upper = try #require(large.layers.first?.figures.asymptotic.value?.upper)
        #expect(upper.isFinite && upper > 1e50)
    }

    @Test func checkedArithmetic() {
        #expect(CheckedArithmetic.product(3, 4, 5) == 60)
        #expect(CheckedArithmetic.product(1 << 32, 1 << 31) == nil)
        #expect(CheckedArithmetic.product(-1, 2) == nil)
        #expect(CheckedArithmetic.sum(Int.max, 1) == nil)
        #expect(CheckedArithmetic.sum(2, 3) == 5)
        #expect(CheckedArithmetic.ceilDiv(7, 2) == 4 && CheckedArithmetic.ceilDiv(8, 2) == 4)
    }

    /// The statistics stage looks overridable initializers up per graph once (it was quadratic); the flag
    /// itself is unchanged: an initializer also listed as an input is overridable from IR 4 on.
    @Test func overridableWeightsAreStillFound() throws {
        let w = W.tensor(name: "W", dims: [4, 3, 3, 3], doubles: (0..<108).map { Double($0 % 5) })
        for (listed, expected) in [(true, true), (false, false)] {
            let inputs = [W.valueInfo(name: "x", elementType: .double, shape: [1, 3, 8, 8])]
                + (listed ? [W.valueInfo(name: "W", elementType: .double, shape: [4, 3, 3, 3])] : [])
            let bytes = W.model(graph: W.graph(
                nodes: [W.node(op: "Conv", inputs: ["x", "W"], outputs: ["y"], name: "n")], initializers: [w],
                inputs: inputs, outputs: [W.valueInfo(name: "y", elementType: .double, shape: nil)]))
            let dir = try FileIO.makeTemporaryDirectory("analysis-overridable")
            defer { FileIO.remove(dir) }
            try W.write(bytes, to: dir + "/m.onnx")
            let a = try ModelAnalyzer(options: AnalysisOptions(bounds: .fast)).analyze(path: dir + "/m.onnx")
            #expect(a.layers.first?.weightStatistics?.overridableInput == expected)
        }
    }

    /// Tensor errors at load time name the model file.
    @Test func loadErrorsNameTheFile() {
        let error = AnalysisError.unreadableModel(.invalidTensor(name: "W", reason: "bad"), path: "dir/m.onnx")
        #expect(error.description == "dir/m.onnx: tensor 'W': bad")
        let located = AnalysisError.unreadableModel(.emptyFile(path: "dir/m.onnx"), path: "dir/m.onnx")
        #expect(located.description == "dir/m.onnx: file is empty, not an ONNX model")
    }
}
