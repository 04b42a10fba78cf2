import LintCore
import LipschitzKit

/// LIP014 `lipschitz-growth`: a layer's or an output's certified Lipschitz bound grew by more than
/// `max-ratio` from OLD to NEW, or was certified in OLD and is unknown in NEW. A diff rule: only
/// `liplint diff OLD NEW` runs it.
public struct LipschitzGrowthRule: DiffRule {
    struct Options {
        /// Largest allowed `after / before` of a certified bound.
        var maxRatio: Double

        init(_ values: OptionValues) {
            maxRatio = values.number("max-ratio", default: 1.05)
        }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP014", name: "lipschitz-growth"),
        defaultSeverity: .error,
        summary: "`liplint diff` only: a layer's or an output's certified Lipschitz bound grew by more than `max-ratio`, or became unknown.",
        rationale: """
            A pull request that retrains, fine-tunes or re-exports a certified model can loosen it silently: \
            every check still passes while one layer's norm doubled. `liplint diff OLD NEW` compares the two \
            versions layer by layer (matched by node name, then by position, op and weight shape) and output \
            by output, and this rule fails the comparison when a certified bound grew by more than `max-ratio` \
            (`after > max-ratio × before`, so growth from 0 counts too), or when a bound that was certified \
            before is unknown now (an unsupported op, weights that are no longer static). The bounds compared \
            are the certificates the network bound multiplies: `asymptotic.upper` per layer (every input \
            size), or `embedding.upper` with `--size-specific`, and `network.outputs[].upper` per output. The \
            ratio is a ratio of certified upper bounds: it measures how much the certificate loosened, not \
            the change of the true norm. Added layers are not findings by themselves; their effect shows in \
            the network bound. The default severity is `error` because the rule exists to gate merges; \
            `liplint check` never runs it.
            """,
        example: """
            rules:
              lipschitz-growth: {severity: error, max-ratio: 1.1}

            new.onnx: node 'conv1' (Conv): error: certified spectral norm grew ×2 (1.5 → 3), more than max-ratio 1.1 [LIP014 lipschitz-growth]
            """,
        options: [
            OptionSpec(name: "max-ratio", type: .number(minimum: 1), defaultValue: .number(1.05),
                       summary: "largest allowed growth factor of a certified bound (after / before)"),
        ])

    public func check(_ input: DiffRuleInput) -> [Violation] {
        var violations: [Violation] = []
        for layer in input.diff.layers {
            guard let before = layer.before, let after = layer.after else { continue }
            let options = Options(input.options(for: after.node))
            let renamed = layer.previousNode.map { " (was '\($0)')" } ?? ""
            if let violation = Self.violation(
                BoundChange(before: before.bound, after: after.bound), what: "certified spectral norm",
                unknownReason: after.unknownReason, maxRatio: options.maxRatio, location: after.location,
                note: renamed)
            {
                violations.append(violation)
            }
        }
        for output in input.diff.network?.outputs ?? [] {
            guard output.before != nil, let after = output.after else { continue }
            let options = Options(input.options(for: output.name))
            let blocking = after.blockingOps.prefix(3).map { "'\($0.node)' (\($0.op))" }.joined(separator: ", ")
                + (after.blockingOps.count > 3 ? ", ..." : "")
            if let violation = Self.violation(
                output.change, what: "network Lipschitz bound",
                unknownReason: blocking.isEmpty ? nil : "blocked by \(blocking)", maxRatio: options.maxRatio,
                location: .output(output.name))
            {
                violations.append(violation)
            }
        }
        return violations
    }

    /// The violation for one bound that grew beyond `maxRatio` or was lost, if any; `note` ends the message.
    static func violation(
        _ change: BoundChange, what: String, unknownReason: String?, maxRatio: Double, location: FindingLocation,
        note: String = ""
    ) -> Violation? {
        guard let before = change.before else { return nil }
        guard let after = change.after else {
            return Violation(
                location: location,
                message: "\(what) was \(DecimalText.upper(before)) and is unknown now\(note)"
                    + (unknownReason.map { ": \($0)" } ?? ""),
                value: nil, threshold: maxRatio)
        }
        guard change.grew(beyond: maxRatio) else { return nil }
        let limit = "more than max-ratio \(DecimalText.shortest(maxRatio))"
        guard let ratio = change.ratio else {
            return Violation(
                location: location, message: "\(what) grew from 0 to \(DecimalText.upper(after)), \(limit)\(note)",
                value: nil, threshold: maxRatio)
        }
        return Violation(
            location: location,
            message: "\(what) grew ×\(DecimalText.compared(ratio, .nearest, with: maxRatio).value) "
                + "(\(DecimalText.upper(before)) → \(DecimalText.upper(after))), \(limit)\(note)",
            value: ratio, threshold: maxRatio)
    }
}
