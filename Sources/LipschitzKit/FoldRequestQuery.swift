import ONNXModel

/// The folded-conv certificates a network pass will ask for, found from the graph patterns without
/// propagating: a caller (Analysis) computes them in parallel ahead of the pass.
///
/// Input dependence is taken structurally (a value depends on the selected inputs when a node computing it
/// reads one, except the operators that only read shapes or make constants). Requests inside If branches
/// are not enumerated; the pass asks for those as it meets them, and the caller computes them then.
struct FoldRequestQuery: PassReading {
    /// A pass that has not run: its graph index, patterns, constants and layers only.
    let pass: NetworkPass
    var view: PassView { PassView(pass) }

    func requests() -> [ConvFoldRequest] {
        let dependent = structuralDependence()
        func isDependent(_ name: String?) -> Bool { name.map { dependent.contains($0) } ?? false }
        var result: [ConvFoldRequest] = []
        for index in pass.topologicalOrder() {
            let node = pass.graph.nodes[index]
            guard node.isDefaultDomain else { continue }
            switch node.opType {
            case "BatchNormalization":
                if let request = batchNormFold(node, isDependent) { result.append(request) }
            case "Mul", "Div":
                if let request = channelScaleFold(node, isDependent) { result.append(request) }
            case "Sub":
                if let request = convSLLFold(node, isDependent) { result.append(request) }
            default:
                break
            }
        }
        return result
    }

    /// Values that depend on the selected floating-point inputs, following nodes in propagation order.
    func structuralDependence() -> Set<String> {
        let selected = Set(pass.calculator.wrt)
        var dependent = Set(pass.graph.runtimeInputs.filter {
            selected.contains($0.name) && ($0.elementType?.isFloatingPoint ?? true)
        }.map(\.name))
        for index in pass.topologicalOrder() {
            let node = pass.graph.nodes[index]
            if node.isDefaultDomain && ConstantSourceRule.operators.contains(node.opType) { continue }
            if pass.allInputs(node).contains(where: { dependent.contains($0) }) {
                dependent.formUnion(node.outputs.filter { !$0.isEmpty })
            }
        }
        return dependent
    }

    /// BatchNormalization folded into the conv it follows (`BatchNormRule`).
    private func batchNormFold(_ node: Node, _ isDependent: (String?) -> Bool) -> ConvFoldRequest? {
        guard let x = node.input(0) else { return nil }
        let params = (1...4).map { node.input($0) }
        guard !params.contains(where: { isDependent($0) }), params.allSatisfy({ $0 != nil }),
            let gamma = constantValues(params[0]!), let beta = constantValues(params[1]!),
            let mean = constantValues(params[2]!), let variance = constantValues(params[3]!),
            gamma.count == beta.count, gamma.count == mean.count, gamma.count == variance.count, !gamma.isEmpty,
            let scale = batchNormScale(node)
        else { return nil }
        return convFold(node, input: x, scale: scale, isDependent)
    }

    /// Mul or Div of a conv's output by a per-channel constant (`ArithmeticRule`).
    private func channelScaleFold(_ node: Node, _ isDependent: (String?) -> Bool) -> ConvFoldRequest? {
        guard let a = node.input(0), let b = node.input(1) else { return nil }
        let invert = node.opType == "Div"
        // The pass's Div rule stops at a divisor whose range contains 0.
        if invert, !isDependent(b), constantRange(b)?.reciprocal == nil { return nil }
        guard let (variable, scale) = channelScale(a, b, invert: invert, dependence: isDependent) else { return nil }
        return convFold(node, input: variable, scale: scale, isDependent)
    }

    /// The conv producing `x`, when `GraphPatterns` found the fold and the conv's weights are fixed.
    private func convFold(
        _ node: Node, input x: String, scale: [Double], _ isDependent: (String?) -> Bool
    ) -> ConvFoldRequest? {
        guard let target = foldTarget(node, input: x, channels: scale.count, dependence: isDependent) else { return nil }
        return ConvFoldRequest(conv: target.layer, scale: scale)
    }

    /// An SLL layer in conv form: the Conv with its output channels scaled by `√s` (`ArithmeticRule`).
    private func convSLLFold(_ node: Node, _ isDependent: (String?) -> Bool) -> ConvFoldRequest? {
        guard !node.inputs.filter({ !$0.isEmpty }).isEmpty,
            !(patterns.sllResiduals[node.index].map { isDependent($0.input) } ?? false),
            let residual = patterns.convSLLResiduals[node.index], isDependent(residual.input),
            let conv = convs[residual.conv], let transpose = convs[residual.transpose],
            conv.op == .conv, transpose.op == .convTranspose, conv.inputSize != nil,
            transpose.outputSize == conv.inputSize, conv.outputPadding.allSatisfy({ $0 == 0 }),
            transpose.outputPadding.allSatisfy({ $0 == 0 })
        else { return nil }
        guard let scale = ConvSLLResidual.channelScale(residual, channels: conv.outputChannels, pass.constants) else {
            return nil
        }
        return ConvFoldRequest(conv: conv, scale: scale.map { Outward.sqrt($0) })
    }
}
