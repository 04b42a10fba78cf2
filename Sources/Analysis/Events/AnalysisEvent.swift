/// What an analysis reports while it runs, for progress bars and `--verbose` timings. Library code never
/// prints: it calls an `AnalysisObserver` with these, from whichever thread does the work.
public enum AnalysisEvent: Sendable, Equatable {
    /// The model at `model` (its path as given) has `count` layers to analyse.
    case layersFound(model: String, count: Int)
    /// `count` more layers of `model` are done (their figures computed, or taken from the cache).
    case layersDone(model: String, count: Int)
    /// A stage of `model` took `seconds` of wall-clock time.
    case stageFinished(model: String, stage: AnalysisStage, seconds: Double)
    /// What the cache did for `model`.
    case cache(model: String, AnalysisCacheOutcome)
    /// `check` without `--bounds` computed `model`'s size-independent figures at the fast search effort, then
    /// recomputed `layers` of its `total` layers at the standard effort; `reasons`: why, one short phrase per
    /// rule that asked (empty when no verdict depended on the effort).
    case refined(model: String, layers: Int, total: Int, reasons: [String])
}

/// The cache's part in one model's analysis.
public enum AnalysisCacheOutcome: Sendable, Equatable {
    /// The entry was found and trusted: figures and network bound were not recomputed.
    case hit
    /// No entry: the result was computed.
    case miss
    /// An entry was there but not trusted (one-line reason); the result was computed and replaces it.
    case ignored(String)
    /// The computed result was written.
    case stored
    /// The computed result was not written (one-line reason, e.g. an unwritable directory).
    case notStored(String)
    /// The model cannot be cached: its SHA-256 does not cover everything the result depends on.
    case uncacheable(String)
}

/// Receives `AnalysisEvent`s; called concurrently from worker threads, so it must be thread-safe.
public typealias AnalysisObserver = @Sendable (AnalysisEvent) -> Void
