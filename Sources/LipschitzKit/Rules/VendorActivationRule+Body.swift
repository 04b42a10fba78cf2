import ONNXModel

/// onnxruntime's fused GELU operators (domain `com.microsoft`), which optimized exports contain: element-wise
/// activations of `x` (plus a constant bias for FastGelu/BiasGelu), with the GELU constant of §6.
extension VendorActivationRule {
    func vendorActivationRule(_ node: Node) -> [OutputRule]? {
        let op = node.opType
        guard ["Gelu", "FastGelu", "BiasGelu", "QuickGelu"].contains(op), let x = node.input(0) else { return nil }
        for operand in node.inputs.dropFirst() where isDependent(operand) {
            return unknown(node, "\(op) bias '\(operand)' depends on the input")
        }
        var r = range(x)
        if let bias = node.input(1) {
            guard replicationFactor(of: x, among: [x, bias]) == 1 else {
                return unknown(node, "\(op) bias broadcasts its input (shapes unknown or larger bias)")
            }
            r = r + range(bias)
        }
        if op == "QuickGelu" {
            // x·σ(αx): sup|h'| = 1.0999 for any α ≠ 0 (u·σ(u) rescaled); §6 gives α = 1.702 GELU's 1.1290.
            let alpha = float(node, "alpha") ?? 1.702
            let factor = abs(alpha - 1.702) < 1e-3 ? ActivationConstants.gelu : ActivationConstants.silu
            let low = alpha > 0 ? -0.27847 / alpha : -Double.infinity  // min u·σ(u) = −0.278464…
            return [scaled(node, x, alpha == 0 ? 0.5 : factor, Interval(low, r.upper.isFinite ? max(r.upper, 0) : .infinity))]
        }
        return [scaled(node, x, ActivationConstants.gelu, Interval(-0.1701, r.upper.isFinite ? max(r.upper, 0) : .infinity))]
    }
}
