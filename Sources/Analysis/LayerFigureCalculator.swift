import Dispatch
import Foundation
import ONNXModel
import SpectralKit

/// Computes the requested figures of each layer, layers in parallel.
struct LayerFigureCalculator: Sendable {
    var options: AnalysisOptions
    /// FFTW plans shared by every layer of the analysis (layers of the same shape reuse them).
    var plans: FFTPlanCache
    /// Threads the size-dependent figures of the layer at hand may use (`embedding` and `circulant` hold a
    /// workspace per thread; their values do not depend on it), so that layers in parallel do not
    /// oversubscribe. `figures(for:)` sets it per layer like `sizeIndependentThreads`; default: an equal share.
    var innerThreads: ThreadBudget
    /// Threads the Lanczos `exact` figure of the layer at hand may use: its extra threads need no memory of
    /// their own and its value does not depend on their number (`VectorKernels`), so a layer running alone
    /// takes every worker's thread. Default: an equal share.
    var lanczosThreads: ThreadBudget
    /// Threads the size-independent figures of the layer at hand may use (their values do not depend on it).
    /// `figures(for:)` sets it per layer: every worker's thread while the layer runs alone, an equal share
    /// otherwise. Default: all of them (`workers`).
    var sizeIndependentThreads: ThreadBudget
    /// The estimated working memory (`LayerWorkingMemory`) the layers analysed at once may take together.
    var memoryBudget = LayerWorkingMemory.budget(fileSize: 0)

    init(options: AnalysisOptions, layerCount: Int) {
        self.options = options
        plans = FFTPlanCache()
        let cores = ProcessInfoCores.count
        let workers = max(1, min(options.jobs > 0 ? options.jobs : cores, layerCount))
        innerThreads = ThreadBudget(threads: max(1, cores / workers))
        lanczosThreads = innerThreads
        sizeIndependentThreads = ThreadBudget(threads: max(1, options.jobs > 0 ? options.jobs : cores))
    }

    /// Layers analysed at once.
    var workers: Int {
        max(1, options.jobs > 0 ? options.jobs : ProcessInfoCores.count)
    }

    /// Figures for every layer, in the same order; `layerDone` is called (from the worker) after each layer.
    ///
    /// Layers that need the whole memory budget run first, one at a time, then the most expensive
    /// (`LayerWorkEstimate`) start first; layers in progress fit `memoryBudget` together (`LayerWorkingMemory`).
    /// A layer that runs alone gets the idle workers' threads for its size-independent, `embedding` and
    /// `circulant` figures as far as the budget has room for their buffers (`LayerWorkingMemory.perThreadBytes`),
    /// and all of them for Lanczos; the others an equal share (`ParallelWork.mapGrantingThreads`).
    func figures(for layers: [LayerAnalysis.Layer], layerDone: @Sendable () -> Void = {}) -> [LayerFigures] {
        figures(for: layers, with: { _, _ in () }, layerDone: layerDone).map(\.figures)
    }

    /// Figures for every layer as `figures(for:layerDone:)`, each with `extra(layer, figures)` computed in the
    /// same job right after them (work on the layer's weights that would otherwise run on one thread later).
    func figures<Extra: Sendable>(
        for layers: [LayerAnalysis.Layer], with extra: @Sendable (LayerAnalysis.Layer, LayerFigures) -> Extra,
        layerDone: @Sendable () -> Void = {}
    ) -> [(figures: LayerFigures, extra: Extra)] {
        guard options.bounds != .none, !layers.isEmpty else {
            return layers.map { (LayerFigures(), extra($0, LayerFigures())) }
        }
        BLASThreading.useSingleThread()
        let memory = LayerWorkingMemory(options: options)
        let order = LayerWorkEstimate(bounds: options.bounds, sizeDependent: memory.sizeDependent).startOrder(layers, cost: memory.bytes, budget: memoryBudget)
        return ParallelWork.mapGrantingThreads(
            layers, workers: workers, threads: workers, budget: memoryBudget, cost: memory.bytes,
            threadCost: memory.perThreadBytes, order: order
        ) { (layer: LayerAnalysis.Layer, threads: ParallelWork.ItemThreads) in
            var calculator = self
            calculator.sizeIndependentThreads = threads.budgeted
            calculator.innerThreads = threads.budgeted
            calculator.lanczosThreads = threads.free
            let result = calculator.figures(for: layer)
            let more = extra(layer, result)
            layerDone()
            return (result, more)
        }
    }

    func figures(for layer: LayerAnalysis.Layer) -> LayerFigures {
        switch layer {
        case .conv(let conv): return convFigures(conv)
        case .dense(let dense): return denseFigures(dense)
        }
    }

    /// Marks every requested figure of a conv layer unavailable for the same reason.
    func unavailable(_ reason: String, sizeSpecificOnly: Bool = false) -> LayerFigures {
        var f = LayerFigures()
        markSizeDependentUnavailable(reason, in: &f)
        if !sizeSpecificOnly {
            f.asymptotic = .unavailable(reason: reason)
            f.closedForm = .unavailable(reason: reason)
            f.fantasticFour = .unavailable(reason: reason)
            f.gram = .unavailable(reason: reason)
            f.reshaped = .unavailable(reason: reason)
        }
        return f
    }

    /// Marks every requested figure of a dense layer unavailable for the same reason: its norm takes the place
    /// of the conv's `exact` figure.
    func denseUnavailable(_ reason: String) -> LayerFigures {
        var f = unavailable(reason)
        if f.exact.isRequested {
            f.exact = .notRequested
            f.denseNorm = .unavailable(reason: reason)
        }
        return f
    }

    /// Marks every requested size-dependent figure unavailable for `reason`.
    func markSizeDependentUnavailable(_ reason: String, in f: inout LayerFigures) {
        if options.computes(.exact) { f.exact = .unavailable(reason: reason) }
        if options.computes(.embedding) { f.embedding = .unavailable(reason: reason) }
        if options.computes(.circulant) { f.circulant = .unavailable(reason: reason) }
        if options.bounds.includesApproximation { f.approximation = .unavailable(reason: reason) }
    }
}

/// The number of cores to use by default.
enum ProcessInfoCores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
