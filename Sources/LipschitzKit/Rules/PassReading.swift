import ONNXModel

/// A type that reads a `PassView` (the rules, the norm propagation): the view's lookups are available on it
/// unqualified, so a rule body reads like the mathematics it implements.
protocol PassReading {
    var view: PassView { get }
}

extension PassReading {
    var graph: Graph { view.graph }
    var producers: [String: Int] { view.producers }
    var constants: ScopedConstants { view.constants }
    var convs: [Int: ConvLayer] { view.convs }
    var dense: [Int: DenseLayer] { view.dense }
    var unsupported: [Int: UnsupportedLayer] { view.unsupported }
    var patterns: GraphPatterns { view.patterns }
    var bounds: any LinearLayerBounds { view.bounds }
    var opset: Int64 { view.opset }

    func state(_ name: String) -> ValueState? { view.state(name) }
    func shape(_ name: String?) -> [Int]? { view.shape(name) }
    func norm(_ name: String) -> Double { view.norm(name) }
    func label(_ node: Node) -> String { view.label(node) }
    func step(_ node: Node, _ factor: Double) -> PathStep { view.step(node, factor) }
    func constantValues(_ name: String) -> [Double]? { view.constantValues(name) }
    func scalarConstant(_ name: String) -> Double? { view.scalarConstant(name) }
    func constantRange(_ name: String) -> Interval? { view.constantRange(name) }
    func constantInts(_ name: String?) -> [Int]? { view.constantInts(name) }
    func range(_ name: String?) -> Interval { view.range(name) }
    func isDependent(_ name: String?) -> Bool { view.isDependent(name) }
    func replicationFactor(of operand: String, among operands: [String]) -> Double? {
        view.replicationFactor(of: operand, among: operands)
    }
    func channelCount(_ name: String?) -> Int? { view.channelCount(name) }
    func channels(of name: String?, count: Int, rank: Int) -> [Interval] { view.channels(of: name, count: count, rank: rank) }
    func int(_ node: Node, _ name: String) -> Int? { view.int(node, name) }
    func ints(_ node: Node, _ name: String) -> [Int]? { view.ints(node, name) }
    func float(_ node: Node, _ name: String) -> Double? { view.float(node, name) }
    func string(_ node: Node, _ name: String) -> String? { view.string(node, name) }
}
