import Analysis
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LintCore
import LipschitzKit
import ONNXModel
import SpectralKit

/// Analyses built in code for the HTML reporter tests: layers with every figure, with missing and
/// unavailable figures, a zero figure, a hostile node name, singular-value lists, a network bound with a
/// critical path, findings, and an unreadable model.
enum HTMLReportFixtures {
    static let hostile = "<script>alert(\"x\")&'</script>"

    static func conv(_ name: String, _ index: Int) -> LayerAnalysis.Layer {
        .conv(ConvLayer(
            name: name, nodeIndex: index, graph: "main", op: .conv, weightName: "w\(index)",
            weights: .notStatic(reason: "built in a test"), weightShape: [4, 4, 3, 3], spatialRank: 2, kernel: [3, 3],
            stride: [1, 1], dilation: [1, 1], pads: [1, 1, 1, 1], group: 1, outputPadding: [0, 0], inputSize: [8, 8],
            outputSize: [8, 8], inputChannels: 4, outputChannels: 4, quantized: false, integerUnits: false))
    }

    static func bound(_ upper: Double) -> FigureValue<LayerFigures.Asymptotic> {
        .computed(.init(lower: upper * 0.999, upper: upper))
    }

    /// A converged `exact` figure of norm `value`.
    static func exact(_ value: Double) -> FigureValue<LayerFigures.Exact> {
        .computed(.init(value: value, lower: value, iterations: 3, tolerance: 1e-6, converged: true))
    }

    /// `count` singular values from `top` down geometrically to `top·10⁻³`, descending, then `zeros` zeros.
    static func spectrum(top: Double, count: Int, zeros: Int = 0) -> [Double] {
        (0..<count).map { top * pow(1e-3, Double($0) / Double(max(count - 1, 1))) } + Array(repeating: 0, count: zeros)
    }

    /// Layer k: the figures listed in the comments; `nil` figures were not requested.
    static var layers: [LayerAnalysis] {
        var out: [LayerAnalysis] = []
        // 0: every figure, with lists (circulant 3000 values with 5 zeros, approximation 150 values).
        var f = LayerFigures()
        f.exact = exact(2.5)
        f.embedding = .computed(.init(upper: 2.7, grid: Size2D(8, 8)))
        f.asymptotic = bound(2.9)
        f.circulant = .computed(.init(
            max: 2.4, min: 0, grid: Size2D(8, 8), singularValues: spectrum(top: 2.4, count: 2995, zeros: 5)))
        f.reshaped = .computed(.init(value: 1.1, kind: .notABound))
        f.approximation = .computed(.init(
            max: 2.5, min: 0.0025, grid: "sine", exactTop: 8, singularValues: spectrum(top: 2.5, count: 150)))
        out.append(LayerAnalysis(layer: conv("stem", 0), figures: f))
        // 1: hostile name; exact unavailable, embedding missing, circulant max 0 (not drawable).
        f = LayerFigures()
        f.exact = .unavailable(reason: "input size unknown <b>")
        f.asymptotic = bound(40)
        f.circulant = .computed(.init(max: 0, min: 0, grid: Size2D(8, 8)))
        f.reshaped = .computed(.init(value: 9, kind: .notABound))
        out.append(LayerAnalysis(layer: conv(hostile, 1), figures: f))
        // 2..5: asymptotic and exact only, increasing.
        for k in 2...5 {
            var g = LayerFigures()
            g.asymptotic = bound(Double(k) * 0.5)
            g.exact = exact(Double(k) * 0.4)
            out.append(LayerAnalysis(layer: conv("block\(k).conv", k), figures: g))
        }
        return out
    }

    static var network: NetworkBound {
        NetworkBound(wrt: ["x"], boundUsed: "asymptotic", sizeSpecific: false, outputs: [
            OutputBound(name: "y", upper: 2.9 * 40 * 3, kind: "upper", criticalPath: [
                PathStep(node: "stem", op: "Conv", factor: 2.9),
                PathStep(node: "relu", op: "Relu", factor: 1),
                PathStep(node: hostile, op: "Conv", factor: 40),
                PathStep(node: "block2.conv", op: "Conv", factor: 1.5),
                PathStep(node: "scale", op: "Mul", factor: 2),
            ], blockingOps: []),
            OutputBound(name: "aux<&>", upper: nil, kind: "unknown", criticalPath: [],
                        blockingOps: [BlockingOp(node: "sq", op: "Mul", reason: "product of two input-dependent tensors")]),
        ], naiveProduct: 1234.5)
    }

    static func analysis(options: AnalysisOptions = AnalysisOptions(bounds: .all, singularValues: true)) -> ModelAnalysis {
        let graph = Graph(path: "main", name: "g", nodes: [], initializers: [], inputs: [], outputs: [], valueInfo: [])
        let model = Model(path: "models/m<1>.onnx", sha256: String(repeating: "ab", count: 32), irVersion: 8,
                          producerName: "test", producerVersion: "1", opsets: ["ai.onnx": 17], metadata: [], graph: graph)
        var a = ModelAnalysis(
            model: ModelSummary(model: model),
            inputs: [ResolvedInput(name: "x", shape: [1, 4, 8, 8], symbolic: [.value(1), .value(4), .value(8), .value(8)],
                                   elementType: .float)],
            layers: layers, unsupported: [], network: network, options: options)
        a.nodePositions = [:]
        return a
    }

    static func finding(_ code: String, _ name: String, _ severity: Severity, _ location: FindingLocation, _ message: String) -> Finding {
        Finding(rule: RuleID(code: code, name: name), severity: severity, location: location, message: message,
                value: nil, threshold: nil, fingerprint: code + (location.name ?? ""))
    }

    static func result(options: AnalysisOptions = AnalysisOptions(bounds: .all, singularValues: true)) -> LintResult {
        let findings = [
            finding("LIP001", "layer-spectral-norm", .warning, .node(hostile, index: 1, op: "Conv"), "certified spectral norm 40 exceeds 10 <&>"),
            finding("LIP002", "network-lipschitz-budget", .error, .output("y"), "bound 348 exceeds the budget 100"),
            finding("LIP009", "batchnorm-scale", .warning, .node("bn0", index: 7, op: "BatchNormalization"), "scale 200"),
        ]
        return LintResult(reports: [
            ModelReport(path: "models/m<1>.onnx", analysis: analysis(options: options), findings: findings, error: nil),
            ModelReport(path: "bad&.onnx", analysis: nil, findings: [], error: "bad&.onnx: truncated <file>"),
        ], baselineDisappeared: nil, seconds: 86421.5)
    }

    /// The inline SVG documents of a page, in order.
    static func svgs(_ page: String) -> [String] {
        page.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }
}

/// An SVG parsed as XML: every element with its attributes, the `data-series` of the group it is in, and
/// the text of `<title>` elements.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var series: String?
        /// The marker's `<title>` text, filled in when the title closes.
        var tooltip: String = ""
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private var text = ""
    private(set) var parseError: Error?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { parseError = parser.parserError ?? NSError(domain: "svg", code: 1) }
    }

    var root: Element? { elements.first }

    /// The marker elements (`class="point"`) of a series.
    func points(_ series: String) -> [Element] {
        elements.filter { $0.series == series && $0.attributes["class"] == "point" }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let inherited = stack.last.map { elements[$0].series } ?? nil
        elements.append(Element(name: name, attributes: attributes, series: attributes["data-series"] ?? inherited))
        stack.append(elements.count - 1)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard stack.popLast() != nil else { return }
        if name == "title", let parent = stack.last { elements[parent].tooltip = text }
    }
}
