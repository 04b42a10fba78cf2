import Analysis

/// The lint result of one model path: its analysis and findings, or why it could not be read.
public struct ModelReport: Sendable {
    /// The path as displayed (as given, or as found under a given directory).
    public var path: String
    /// `nil` when the model could not be analysed (`error` says why).
    public var analysis: ModelAnalysis?
    /// Findings in report order (graph order, then rule code).
    public var findings: [Finding]
    /// One-line reason the model could not be read.
    public var error: String?
    /// Findings hidden because the baseline lists them.
    public var baselined: Int
    /// The `fail-on` level of the configuration that applied to this model.
    public var failOn: FailLevel

    public init(
        path: String, analysis: ModelAnalysis?, findings: [Finding], error: String?, baselined: Int = 0,
        failOn: FailLevel = .error
    ) {
        self.path = path
        self.failOn = failOn
        self.analysis = analysis
        self.findings = findings
        self.error = error
        self.baselined = baselined
    }

    /// Number of conv and dense layers.
    public var layerCount: Int { analysis?.layers.count ?? 0 }
}
