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

    /// `--wrt` as `AnalysisOptions.wrt` takes it (`nil`: every floating-point input).
    var wrtInputs: [String]? { wrt.isEmpty ? nil : wrt }
}
