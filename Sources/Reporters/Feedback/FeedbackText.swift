import Analysis
import Foundation

/// The lines `liplint` writes on standard error about a run (not about its findings): `--verbose` timings and
/// cache outcomes, and the warnings shown without `--quiet`. Pure functions; one line each, no newline.
public enum FeedbackText {
    /// The `--verbose` line for `event`, or `nil` for events it does not show (layer counts).
    public static func verbose(_ event: AnalysisEvent) -> String? {
        switch event {
        case .layersFound, .layersDone: return nil
        case .stageFinished(let model, let stage, let seconds): return stageLine(model, stage.rawValue, seconds)
        case .cache(let model, let outcome): return "liplint: \(model): \(cacheText(outcome))"
        case .refined(let model, let layers, let total, let reasons): return refinedLine(model, layers, total, reasons)
        }
    }

    /// `liplint: MODEL: refined 2 of 53 layers to the standard search effort (REASON; REASON)`, or that no
    /// verdict depended on the fast figures.
    static func refinedLine(_ model: String, _ layers: Int, _ total: Int, _ reasons: [String]) -> String {
        guard layers > 0 else {
            return "liplint: \(model): refined 0 of \(total) layers: no verdict depends on the fast search's intervals"
        }
        let why = reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
        return "liplint: \(model): refined \(layers) of \(total) layers to the standard search effort\(why)"
    }

    /// `liplint: MODEL: STAGE 0.123 s`, or `liplint: STAGE 0.123 s` for a stage of the whole run (`model` nil).
    public static func stageLine(_ model: String?, _ stage: String, _ seconds: Double) -> String {
        "liplint: " + (model.map { "\($0): " } ?? "") + "\(stage) " + String(format: "%.3f s", seconds)
    }

    /// The warning shown without `--verbose` (unless `--quiet`), or `nil`: only a result that could not be
    /// stored is worth a warning; every other outcome is normal operation.
    public static func warning(_ event: AnalysisEvent) -> String? {
        guard case .cache(_, .notStored(let reason)) = event else { return nil }
        return "liplint: warning: \(reason) (results are not cached)"
    }

    static func cacheText(_ outcome: AnalysisCacheOutcome) -> String {
        switch outcome {
        case .hit: return "cache hit"
        case .miss: return "cache miss"
        case .ignored(let reason): return "cache entry ignored (\(reason))"
        case .stored: return "cache stored"
        case .notStored(let reason): return "cache not stored (\(reason))"
        case .uncacheable(let reason): return "not cached (\(reason))"
        }
    }
}
