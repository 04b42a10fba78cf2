import Analysis

/// The counts a progress bar shows, accumulated from `AnalysisEvent`s of any number of models: layers done
/// over layers found, and models whose layers are all done over models found. A plain value; the caller
/// serializes `apply` (events arrive from worker threads).
public struct ProgressCounts: Sendable, Equatable {
    public private(set) var layersDone = 0
    public private(set) var layersTotal = 0
    private var models: [String: (done: Int, total: Int)] = [:]

    public init() {}

    /// Models found so far.
    public var modelsTotal: Int { models.count }
    /// Models with every layer done.
    public var modelsDone: Int { models.values.filter { $0.done >= $0.total }.count }

    /// Counts `event`; returns whether the counts changed.
    @discardableResult
    public mutating func apply(_ event: AnalysisEvent) -> Bool {
        switch event {
        case .layersFound(let model, let count):
            models[model, default: (0, 0)].total += count
            layersTotal += count
            return true
        case .layersDone(let model, let count):
            models[model, default: (0, 0)].done += count
            layersDone += count
            return true
        case .stageFinished, .cache, .refined:
            return false
        }
    }

    public static func == (a: ProgressCounts, b: ProgressCounts) -> Bool {
        a.layersDone == b.layersDone && a.layersTotal == b.layersTotal && a.modelsDone == b.modelsDone
            && a.modelsTotal == b.modelsTotal
    }
}
