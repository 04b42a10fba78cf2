import Analysis
import ArgumentParser

/// The options `check`, `baseline write`, `diff` and `inspect` share for what the analysis of a model takes: input shapes and ranges,
/// the inputs the network bound is taken with respect to, and size-specific certificates.
struct AnalysisArguments: ParsableArguments {
    @Option(
        name: .customLong("input-shape"),
        help: ArgumentHelp("Full shape of a model input with symbolic dims, e.g. x=1x3x224x224 (repeatable).", valueName: "NAME=DIMS"))
    var inputShapes: [InputShapeArgument] = []

    @Option(
        name: .customLong("input-range"),
        help: ArgumentHelp("Declared value range of an input, e.g. x=0,1 (repeatable); certifies gates and products.", valueName: "NAME=LO,HI"))
    var inputRanges: [InputRangeArgument] = []

    @Option(
        name: .customLong("wrt"),
        help: ArgumentHelp("Input the network bound is taken with respect to (repeatable; default: all floating-point inputs).", valueName: "NAME"))
    var wrt: [String] = []

    @Flag(name: .customLong("size-specific"), help: "Network bound from the size-specific embedding bounds (valid for the given input size only).")
    var sizeSpecific = false

    @Option(
        name: .customLong("max-tensor-elements"),
        help: ArgumentHelp("Largest weight tensor decoded, in elements (default 2^27); larger layers get no figures.", valueName: "N"))
    var maxTensorElements = AnalysisLimits.defaultMaxTensorElements

    @Option(
        name: .customLong("max-kernel-elements"),
        help: ArgumentHelp("Largest (polyphase) kernel for the size-independent figures, in elements (default 2^24).", valueName: "N"))
    var maxKernelElements = AnalysisLimits.defaultMaxKernelElements

    @Option(
        name: .customLong("max-operator-elements"),
        help: ArgumentHelp("Largest input, output or FFT grid for the size-dependent figures, in elements (default 2^24).", valueName: "N"))
    var maxOperatorElements = AnalysisLimits.defaultMaxOperatorElements

    @Option(
        name: .customLong("max-layer-work"),
        help: ArgumentHelp("Most work per layer's figures, in multiply-adds (default 2^36; docs/limits.md).", valueName: "N"))
    var maxLayerWork = AnalysisLimits.defaultMaxLayerWork

    /// The `--max-…` caps as `AnalysisOptions.limits` takes them.
    var limits: AnalysisLimits {
        AnalysisLimits(
            maxTensorElements: maxTensorElements, maxKernelElements: maxKernelElements,
            maxOperatorElements: maxOperatorElements, maxLayerWork: maxLayerWork)
    }

    func validate() throws {
        for (name, value) in [
            ("--max-tensor-elements", maxTensorElements), ("--max-kernel-elements", maxKernelElements),
            ("--max-operator-elements", maxOperatorElements), ("--max-layer-work", maxLayerWork),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    /// `--wrt` as `AnalysisOptions.wrt` takes it (`nil`: every floating-point input).
    var wrtInputs: [String]? { wrt.isEmpty ? nil : wrt }
}
