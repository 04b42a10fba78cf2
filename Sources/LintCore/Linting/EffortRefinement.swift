import Analysis
import ONNXModel

/// `check` without `--bounds` computes the size-independent figures at the fast search effort, then refines:
/// while an enabled rule says a layer's verdict could differ at the standard effort (`Rule.refinement`), those
/// layers are recomputed at the standard effort, with the network bound after them (`ModelAnalyzer.refine`),
/// and the rules are asked again. Each round turns at least one fast conv layer into a standard one, so the
/// loop ends; the findings are those of an analysis at the standard effort (see each rule's `refinement`).
struct EffortRefinement {
    var linter: Linter
    /// The analyzer with the options the analysis was computed with.
    var analyzer: ModelAnalyzer

    /// `analysis` of `model`, refined until no rule asks for more; the observer hears how many layers were
    /// refined and why.
    func refine(_ analysis: ModelAnalysis, of model: Model) throws(AnalysisError) -> ModelAnalysis {
        var analysis = analysis
        var refined = 0
        var reasons: [String] = []
        while true {
            var pending = Set<Int>()
            for (rule, request) in linter.refinements(for: analysis) {
                let fresh = Set(request.layers.filter { analysis.isRefinable(layer: $0) }).subtracting(pending)
                guard !fresh.isEmpty else { continue }
                pending.formUnion(fresh)
                reasons.append("\(rule.name): \(fresh.count) \(fresh.count == 1 ? "layer" : "layers"), \(request.reason)")
            }
            guard !pending.isEmpty else { break }
            analysis = try analyzer.refine(analysis, of: model, layers: pending.sorted())
            refined += pending.count
        }
        analyzer.observer?(.refined(model: model.path, layers: refined, total: analysis.layers.count, reasons: reasons))
        return analysis
    }
}
