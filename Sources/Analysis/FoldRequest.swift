import LipschitzKit

/// A conv whose bound the network pass wants with an output-channel scale folded into it
/// (`NetworkBoundCalculator.foldRequests()` lists them before the pass runs).
typealias FoldRequest = ConvFoldRequest
