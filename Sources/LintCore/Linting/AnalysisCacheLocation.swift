/// Where `liplint check` keeps its analysis cache (`AnalysisCache`).
public enum AnalysisCacheLocation: Sendable, Hashable {
    /// No cache: nothing is read or written (`--no-cache`).
    case disabled
    /// `.liplint-cache/` in the directory of the configuration file that applies to the model (discovered or
    /// `--config`), or in the current directory when no configuration file applies.
    case besideConfiguration
    /// This directory for every model (`--cache-dir DIR`).
    case directory(String)
}
