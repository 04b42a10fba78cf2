import ONNXModel

/// onnxruntime's fused GELU activations (domain `com.microsoft`); any other vendor-domain node is unknown.
/// Not in `RuleRegistry.standard`, which maps default-domain operator types only.
struct VendorActivationRule: OperatorRule {
    static let operators = ["Gelu", "FastGelu", "BiasGelu", "QuickGelu"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        vendorActivationRule(node)
            ?? unknown(node, "operator \(node.domain).\(node.opType) is not in the default ONNX domain; no rule")
    }
}
