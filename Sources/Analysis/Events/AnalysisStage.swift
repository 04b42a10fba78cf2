/// The stages of analysing and linting one model, as `--verbose` times them.
public enum AnalysisStage: String, Sendable, CaseIterable {
    /// Reading, hashing and decoding the file.
    case load
    /// Resolving the layers and propagating the input shapes.
    case shapes
    /// The per-layer spectral figures.
    case figures
    /// The whole-network Lipschitz bound.
    case networkBound = "network bound"
    /// Weight statistics, BatchNormalization scales and node positions. With more than one worker the weight
    /// statistics run on another thread during the network bound; this stage is then what remains after it.
    case statistics
    /// Recomputing, at the standard search effort, the figures of the layers whose verdicts a fast pass
    /// left open, and the network bound after them (`check` without `--bounds`).
    case refine
    /// Running the rules.
    case lint
}
