import ONNXModel

/// The structural patterns of one graph, found by queries over the graph before propagation
/// (spectral-methods §7): the rules then read them instead of searching the graph themselves.
///
/// Every pattern is structural only; the rule that uses one still checks what depends on the values
/// (that the parts depend on the input, that the figures exist) and falls back to the §6 rule otherwise.
struct GraphPatterns {
    /// A node scaling a conv's output channels (BatchNormalization, or Mul/Div by a constant), by the scaling
    /// node's index: the conv's node index. The conv output feeds only that node and is not a graph output.
    let channelScaleFolds: [Int: Int]
    /// Max/Min (and the ReLU form of them) of two disjoint parts of one parent, by node index.
    let extrema: [Int: PairwiseExtremum]
    /// `Concat(max(x, y), min(x, y))` of one pair (MaxMin / GroupSort-2): the parent, by the Concat's index.
    let maxMinGroups: [Int: String]
    /// Concats of a comparator network over disjoint parts of one parent (GroupSort with groups larger than
    /// two, `SortingNetwork`): the parent, by the Concat's index. Pairs matched by `maxMinGroups` are not here.
    let sortingNetworks: [Int: String]
    /// Convs whose input is wrap-padded (candidate circular convolutions), by conv node index.
    let wrapPaddedConvs: [Int: WrapPadding]
    /// Convs reading a conv's output directly or through a BatchNormalization (candidate linear segments
    /// `conv → [BN] → 1×1 conv`), by the second conv's index.
    let linearSegments: [Int: LinearSegment]
    /// Dense maps reading another dense map's output directly (`Gemm/MatMul → Gemm/MatMul`), by the second
    /// node's index: the first node's index.
    let denseSegments: [Int: Int]
    /// `Conv → [per-channel scale] → Flatten/Reshape → Gemm/MatMul`, by the dense node's index.
    let convDenseSegments: [Int: ConvDenseSegment]
    /// A node scaling a conv's or dense map's input per channel (Mul/Div with a constant operand, or
    /// BatchNormalization), by the conv's or dense node's index: the scaling node's index. Its output feeds
    /// only that layer (as data input 0) and is not a graph output; the values are checked by the rule.
    let inputScaleFolds: [Int: Int]
    /// SLL/CPL residual layers with a verified shared weight, by the residual `Sub`'s index.
    let sllResiduals: [Int: SLLResidual]
    /// SLL residual layers written with a Conv and its adjoint ConvTranspose, by the `Sub`'s index.
    let convSLLResiduals: [Int: ConvSLLResidual]
    /// `Sub` nodes shaped like an SLL residual that neither form verified, with the reason for the path.
    let sllNearMisses: [Int: String]

    init(index: GraphIndex) {
        var folds: [Int: Int] = [:]
        var extrema: [Int: PairwiseExtremum] = [:]
        var wrapped: [Int: WrapPadding] = [:]
        var segments: [Int: LinearSegment] = [:]
        var sll: [Int: SLLResidual] = [:]
        var convSLL: [Int: ConvSLLResidual] = [:]
        var nearMisses: [Int: String] = [:]
        var denseSegments: [Int: Int] = [:]
        var convDenseSegments: [Int: ConvDenseSegment] = [:]
        var inputScales: [Int: Int] = [:]
        for node in index.graph.nodes where node.isDefaultDomain {
            if ["Conv", "Gemm", "MatMul"].contains(node.opType), let x = node.input(0),
                let scaler = index.producer(x), ["Mul", "Div", "BatchNormalization"].contains(scaler.opType),
                index.feedsOnly(x, node.index)
            {
                inputScales[node.index] = scaler.index
            }
            switch node.opType {
            case "BatchNormalization", "Mul", "Div":
                for operand in node.inputs.prefix(node.opType == "Div" ? 1 : 2) {
                    if let conv = index.producer(operand), conv.opType == "Conv" || conv.opType == "ConvTranspose",
                        index.feedsOnly(operand, node.index)
                    {
                        folds[node.index] = conv.index
                    }
                }
            case "Gemm", "MatMul":
                if let first = index.producer(node.input(0)), first.opType == "Gemm" || first.opType == "MatMul" {
                    denseSegments[node.index] = first.index
                }
                convDenseSegments[node.index] = ConvDenseSegment.ending(at: node, in: index)
            case "Sub":
                if let residual = SLLResidual.match(node, in: index) { sll[node.index] = residual }
                if let residual = ConvSLLResidual.match(node, in: index) { convSLL[node.index] = residual }
                if sll[node.index] == nil, convSLL[node.index] == nil, SLLShape.looksLike(node, in: index) {
                    nearMisses[node.index] = SLLShape.reason
                }
            case "Conv":
                if let x = node.input(0), let wrap = WrapPadding.of(x, in: index) { wrapped[node.index] = wrap }
                if let segment = LinearSegment.ending(at: node, in: index) { segments[node.index] = segment }
            default:
                break
            }
            if let extremum = PairwiseExtremum.match(node, in: index) { extrema[node.index] = extremum }
        }
        var groups: [Int: String] = [:]
        for node in index.graph.nodes where node.isDefaultDomain && node.opType == "Concat" {
            let parts = node.inputs.filter { !$0.isEmpty }
            guard parts.count == 2 else { continue }
            let found = parts.compactMap { index.producers[$0].flatMap { extrema[$0] } }
            if found.count == 2, found[0].pair == found[1].pair, found[0].isMax != found[1].isMax {
                groups[node.index] = found[0].parent
            }
        }
        var networks: [Int: String] = [:]
        for node in index.graph.nodes where node.isDefaultDomain && node.opType == "Concat" && groups[node.index] == nil {
            if let parent = SortingNetwork.parent(ofConcat: node, in: index) { networks[node.index] = parent }
        }
        sortingNetworks = networks
        channelScaleFolds = folds
        self.extrema = extrema
        maxMinGroups = groups
        wrapPaddedConvs = wrapped
        linearSegments = segments
        sllResiduals = sll
        convSLLResiduals = convSLL
        sllNearMisses = nearMisses
        self.denseSegments = denseSegments
        self.convDenseSegments = convDenseSegments
        inputScaleFolds = inputScales
    }
}
