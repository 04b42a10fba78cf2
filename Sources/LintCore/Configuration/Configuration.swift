import ONNXModel

/// The merged configuration for a set of models: presets and files in `extends:` order, then the command
/// line. Every value remembers its origin for `--show-config`.
public struct Configuration: Sendable, Hashable {
    /// The chain that produced it, base first (`rules/default.yml`, `./liplint.yml`, ...).
    public var sources: [ConfigLayer.Source]
    public var failOn: Located<FailLevel>
    public var inputShapes: [String: Located<[Int]>]
    public var inputRanges: [String: Located<[Double]>]
    /// Which certified layer figure the network bound multiplies (`network-bound:`, `--size-specific`).
    public var networkBound: Located<NetworkBoundFigure>
    public var rules: [RuleID: RuleSettings]
    /// In application order: base layers' overrides first.
    public var overrides: [Override]
    public var exclude: [ExcludePattern]
    /// `--select`: when set, only these rules run.
    public var selected: Located<Set<RuleID>>?
    /// `--ignore`: these rules never run.
    public var ignored: Located<Set<RuleID>>?

    /// liplint's built-in defaults: fail on errors, every rule at its documented defaults.
    public init() {
        sources = []
        failOn = Located(.error, .builtIn)
        inputShapes = [:]
        inputRanges = [:]
        networkBound = Located(.asymptotic, .builtIn)
        rules = [:]
        overrides = []
        exclude = []
    }

    /// `self` with `layer` applied on top.
    public func applying(_ layer: ConfigLayer) -> Configuration {
        var result = self
        result.sources.append(layer.source)
        if let f = layer.failOn { result.failOn = f }
        for (name, shape) in layer.inputShapes { result.inputShapes[name] = shape }
        for (name, range) in layer.inputRanges { result.inputRanges[name] = range }
        if let n = layer.networkBound { result.networkBound = n }
        for (id, settings) in layer.rules { result.rules[id] = (result.rules[id] ?? RuleSettings()).merged(with: settings) }
        result.overrides += layer.overrides
        result.exclude += layer.exclude
        return result
    }

    /// The configured input shapes, for `AnalysisOptions.inputShapes`.
    public var inputShapeValues: [String: [Int]] { inputShapes.mapValues(\.value) }

    /// The input shapes for `model`: shapes from configuration files only for inputs the model has (one file
    /// serves a directory of models with different inputs), shapes from the command line always (a wrong
    /// name there is the user's error and is reported).
    public func inputShapes(for model: Model) -> [String: [Int]] {
        let names = Set(model.graph.runtimeInputs.map(\.name))
        return inputShapes.filter { names.contains($0.key) || $0.value.origin.isCommandLine }.mapValues(\.value)
    }

    /// The declared input ranges for `model`, by the same rule as `inputShapes(for:)`.
    public func inputRanges(for model: Model) -> [String: ClosedRange<Double>] {
        let names = Set(model.graph.runtimeInputs.map(\.name))
        return inputRanges.filter { names.contains($0.key) || $0.value.origin.isCommandLine }
            .mapValues { $0.value[0]...$0.value[1] }
    }

    /// Whether `path` (absolute) matches an `exclude:` glob.
    public func excludes(path: String) -> Bool {
        exclude.contains { pattern in
            let base = pattern.baseDirectory.hasSuffix("/") ? pattern.baseDirectory : pattern.baseDirectory + "/"
            let relative = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
            return Glob(path: pattern.pattern).matches(relative)
        }
    }
}
