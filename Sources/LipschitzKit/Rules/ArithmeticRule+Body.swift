import ONNXModel

/// Rules for element-wise arithmetic with numpy broadcasting. An operand broadcast to a larger output is
/// copied `r` times per element, which multiplies its contribution by `√r`.
extension ArithmeticRule {
    /// Add, Sub, Sum: `Σ √r_j·L_j`. Mean: the same divided by the operand count. Max, Min: `√(Σ r_j·L_j²)`
    /// (each output element moves by at most the largest change among its operands).
    func sumLikeRule(_ node: Node) -> OutputRule {
        let op = node.opType
        let operands = node.inputs.filter { !$0.isEmpty }
        guard !operands.isEmpty else { return .unknown("\(op) has no operands", .unbounded) }
        let scale = op == "Mean" ? 1 / Double(operands.count) : 1
        /// The range of the result from the ranges of its operands (whole tensors, or one channel of each).
        func combined(_ parts: [Interval]) -> Interval {
            var r = parts[0]
            for p in parts.dropFirst() {
                switch op {
                case "Sub": r = r - p
                case "Max": r = Interval(max(r.lower, p.lower), max(r.upper, p.upper))
                case "Min": r = Interval(min(r.lower, p.lower), min(r.upper, p.upper))
                default: r = r + p
                }
            }
            return op == "Mean" ? r.scaled(by: scale) : r
        }
        var outRange = combined(operands.map { range($0) })
        if let perChannel = elementwiseChannels(node, operands, combined) {
            outRange = perChannel
        }
        if let residual = sllTerm(node) ?? convSLLTerm(node) { return .bound(.sum, [residual], outRange) }
        if let extremum = patterns.extrema[node.index] {
            // Max/Min of two disjoint halves of one parent (§7.1): per element it moves by at most
            // max(|Δx|, |Δy|), so L(out) ≤ L(parent).
            return .bound(.sum, [.init(source: extremum.parent, factor: 1, steps: [step(node, 1)])], outRange)
        }
        var terms: [OutputRule.Term] = []
        for operand in operands where isDependent(operand) {
            guard let copies = replicationFactor(of: operand, among: operands) else {
                return .unknown("the broadcast of '\(operand)' cannot be sized: static shapes unknown (give --input-shape)", outRange)
            }
            let factor = op == "Mean" ? Outward.up(copies * scale) : copies
            var nodeStep = step(node, factor)
            if let reason = patterns.sllNearMisses[node.index] { nodeStep.op = "\(nodeStep.op) (\(reason))" }
            terms.append(.init(source: operand, factor: factor, steps: [nodeStep]))
        }
        let combine: OutputRule.Combine = (op == "Max" || op == "Min") ? .rootSumSquare : .sum
        return .bound(combine, terms, outRange)
    }

    /// Mul: by a constant (or an input-independent value), `max|c|`; a recognised activation written out as a
    /// product, the activation's constant; otherwise the product rule `L(f·g) ≤ M(f)·L(g) + M(g)·L(f)`.
    func mulRule(_ node: Node) -> OutputRule {
        guard let a = node.input(0), let b = node.input(1) else { return .unknown("Mul needs two operands", .unbounded) }
        let outRange = elementwiseChannels(node, [a, b], { $0[0] * $0[1] }) ?? range(a) * range(b)
        if isDependent(a) && isDependent(b), let pattern = recognisedActivation(node, a, b) {
            return .bound(.sum, [.init(source: pattern.root, factor: pattern.constant,
                                       steps: [step(node, pattern.constant)])], outRange)
        }
        if let folded = foldedChannelScale(node, a, b, invert: false) { return .bound(.sum, [folded], outRange) }
        return productRule(node, factors: [(a, range(a)), (b, range(b))], outRange: outRange)
    }

    /// A Mul (or Div) of a conv's output by a per-channel (or scalar) constant, when the conv output feeds
    /// only this node: a diagonal scale of the conv's output channels, folded into the conv's bound like a
    /// BatchNormalization (exporters write BN this way too).
    func foldedChannelScale(_ node: Node, _ a: String, _ b: String, invert: Bool) -> OutputRule.Term? {
        guard let (variable, scale) = channelScale(a, b, invert: invert) else { return nil }
        return foldedConvTerm(node, input: variable, scale: scale)
    }

    /// Div: by a constant, `1/min|c|`; otherwise `f·(1/g)` with `L(1/g) ≤ L(g)/m²`, `M(1/g) ≤ 1/m`, where
    /// `m = inf|g|` from the range of `g` (which must exclude 0).
    func divRule(_ node: Node) -> OutputRule {
        guard let a = node.input(0), let b = node.input(1) else { return .unknown("Div needs two operands", .unbounded) }
        if isDependent(b), let normalization = writtenOutNormalization(node, a, b) {
            let factor = Outward.reciprocalSqrt(normalization.epsilon)
            var out = range(a) * (range(b).reciprocal ?? .unbounded)
            if let n = normalization.groupSize {
                let limit = Outward.sqrt(Double(n))
                out = Interval(max(out.lower, -limit), min(out.upper, limit))
                if out.lower > out.upper { out = Interval(-limit, limit) }
            }
            return .bound(.sum, [.init(source: a, factor: factor, steps: [step(node, factor)])], out)
        }
        guard let reciprocal = range(b).reciprocal else {
            let reason = isDependent(b) || constants.tensor(b) == nil
                ? "the divisor '\(b)' has no range that excludes 0 (declare --input-range)"
                : "the divisor '\(b)' contains 0"
            return .unknown(reason, .unbounded)
        }
        let outRange = elementwiseChannels(node, [a, b], { $0[0] * ($0[1].reciprocal ?? .unbounded) }) ?? range(a) * reciprocal
        guard isDependent(b) else {
            if let folded = foldedChannelScale(node, a, b, invert: true) { return .bound(.sum, [folded], outRange) }
            return productRule(node, factors: [(a, range(a)), (b, reciprocal)], outRange: outRange, useNorms: false)
        }
        let m = range(b).minimumMagnitude
        // L(1/g) ≤ L(g)/m²: folded into g's factor below.
        let inverseSquare = Outward.up(Outward.up(1 / Outward.down(m * m)))
        let operands = [a, b]
        var terms: [OutputRule.Term] = []
        if isDependent(a) {
            guard let copies = replicationFactor(of: a, among: operands) else {
                return .unknown("the broadcast of '\(a)' cannot be sized: static shapes unknown (give --input-shape)", outRange)
            }
            let factor = Outward.mul(reciprocal.magnitude, copies)
            terms.append(.init(source: a, factor: factor, steps: [step(node, factor)]))
        }
        guard let copies = replicationFactor(of: b, among: operands) else {
            return .unknown("the broadcast of '\(b)' cannot be sized: static shapes unknown (give --input-shape)", outRange)
        }
        let magnitude = range(a).magnitude
        guard magnitude.isFinite else {
            return .unknown("the dividend '\(a)' has no bound on |·| (declare --input-range)", outRange)
        }
        let factor = Outward.mul(Outward.mul(magnitude, inverseSquare), copies)
        terms.append(.init(source: b, factor: factor, steps: [step(node, factor)]))
        return .bound(.sum, terms, outRange)
    }

    /// The product rule for two operands `f`, `g` with the given ranges:
    /// `L(f·g) ≤ w_f·L(f) + w_g·L(g)`, `w_f = min(√r_f·M(g), N(g))`. The broadcast copy `B(Δf)` multiplies
    /// disjoint groups of `g`'s elements, so `‖g ⊙ B(Δf)‖ ≤ ‖Δf‖·max_group ‖g_group‖`, and a group's norm is at
    /// most `√r_f·M(g)` and at most `‖g‖₂ ≤ N(g)`. `useNorms` is false when a range is not the operand's own
    /// (a reciprocal).
    func productRule(
        _ node: Node, factors: [(name: String, range: Interval)], outRange: Interval, useNorms: Bool = true
    ) -> OutputRule {
        let operands = factors.map(\.name)
        var terms: [OutputRule.Term] = []
        for (j, factor) in factors.enumerated() where isDependent(factor.name) {
            guard let copies = replicationFactor(of: factor.name, among: operands) else {
                return .unknown("the broadcast of '\(factor.name)' cannot be sized: static shapes unknown (give --input-shape)", outRange)
            }
            var weight = copies
            for (k, other) in factors.enumerated() where k != j {
                let byRange = Outward.mul(copies, other.range.magnitude)
                let byNorm = useNorms ? norm(other.name) : .infinity
                let bound = min(byRange, byNorm)
                guard bound.isFinite else {
                    let what = isDependent(other.name)
                        ? "a product of two input-dependent values needs a bound on |\(other.name)| (declare --input-range)"
                        : "multiplies by '\(other.name)', which has no known bound"
                    return .unknown(what, outRange)
                }
                weight = bound
            }
            terms.append(.init(source: factor.name, factor: weight, steps: [step(node, weight)]))
        }
        return .bound(.sum, terms, outRange)
    }

    /// Pow with a constant scalar exponent `p`: `|p|·sup|x|^{p−1}` over the base's range (`p ≥ 1`), or
    /// `|p|·inf x^{p−1}` for `p < 1` on a positive range.
    func powRule(_ node: Node) -> OutputRule {
        guard let base = node.input(0), let exponent = node.input(1) else { return .unknown("Pow needs two operands", .unbounded) }
        guard !isDependent(exponent), let p = scalarConstant(exponent) else {
            return .unknown("Pow with a non-constant or non-scalar exponent has no rule", .unbounded)
        }
        let r = range(base)
        let isInteger = p == p.rounded() && abs(p) < 64
        if p == 0 { return .independent(.point(1)) }
        if p == 1 { return scaled(node, base, 1, r) }
        if isInteger && p > 1 {
            let n = Int(p)
            let m = r.magnitude
            let power = { (x: Double, k: Int) -> Double in (0..<k).reduce(1.0) { acc, _ in acc * x } }
            let outRange: Interval
            if n % 2 == 0 {
                let low = r.containsZero ? 0 : Outward.down(power(r.minimumMagnitude, n))
                outRange = Interval(max(low, 0), Outward.up(power(m, n)))
            } else {
                outRange = Interval(Outward.down(power(r.lower, n)), Outward.up(power(r.upper, n)))
            }
            guard m.isFinite else {
                return .unknown("Pow(x, \(n)) needs a bound on |x| (declare --input-range)", outRange)
            }
            // |d/dx xⁿ| = n·|x|^{n−1} ≤ n·M^{n−1}; the repeated product is rounded up by a relative n·ulp.
            let factor = Outward.mul(Double(n), Outward.up(power(m, n - 1) * (1 + Double(2 * n) * .ulpOfOne)))
            return scaled(node, base, factor, outRange)
        }
        // Non-integer (or negative) exponents: the base must stay positive.
        guard r.lower > 0, r.upper.isFinite else {
            return .unknown("Pow(x, \(p)) needs a positive, bounded range for x (declare --input-range)", .unbounded)
        }
        let lo = CMath.pow(r.lower, p)
        let hi = CMath.pow(r.upper, p)
        let outRange = Interval(Outward.down(min(lo, hi)), Outward.up(max(lo, hi)))
        // |p|·x^{p−1} is largest at the upper end when p ≥ 1 and at the lower end when p < 1.
        let at = p >= 1 ? r.upper : r.lower
        let factor = Outward.up(abs(p) * Outward.up(CMath.pow(at, p - 1)) * (1 + 4 * .ulpOfOne))
        return scaled(node, base, factor, outRange)
    }

    /// Where with a condition that does not depend on the input: each element comes from one branch, so
    /// `√(Σ r_j·L_j²)`.
    func whereRule(_ node: Node) -> OutputRule {
        guard let condition = node.input(0), let a = node.input(1), let b = node.input(2) else {
            return .unknown("Where needs three operands", .unbounded)
        }
        let outRange = range(a).hull(range(b))
        guard !isDependent(condition) else {
            return .unknown("Where with an input-dependent condition is discontinuous", outRange)
        }
        let operands = [condition, a, b]
        var terms: [OutputRule.Term] = []
        for operand in [a, b] where isDependent(operand) {
            guard let copies = replicationFactor(of: operand, among: operands) else {
                return .unknown("the broadcast of '\(operand)' cannot be sized: static shapes unknown (give --input-shape)", outRange)
            }
            terms.append(.init(source: operand, factor: copies, steps: [step(node, copies)]))
        }
        return .bound(.rootSumSquare, terms, outRange)
    }
}
