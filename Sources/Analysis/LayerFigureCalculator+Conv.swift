import ONNXModel
import SpectralKit

extension LayerFigureCalculator {
    /// Every requested figure of a conv layer. A figure that cannot be computed carries its reason.
    func convFigures(_ layer: ConvLayer) -> LayerFigures {
        let mapping: ConvOperatorMapping
        do {
            mapping = try ConvOperatorMapping(layer: layer, limits: options.limits)
        } catch {
            return unavailable(error.reason)
        }
        if let reason = options.limits.kernelRefusal(mapping.spec) { return unavailable(reason) }
        var maximizer: Frequency?
        // The mapping has checked these very weights' values (`ConvOperatorMapping(layer:limits:)`).
        var figures = sizeIndependentFigures(mapping.spec, maximizer: &maximizer, valuesChecked: true)
        if options.bounds.includesSizeDependent {
            // Lanczos starts from the plane wave where the `asymptotic` search found its maximum (fewer steps,
            // same stopping test).
            sizeDependentFigures(mapping, into: &figures, start: maximizer.map(ExactStart.frequency) ?? .random)
        }
        return figures
    }

    /// `asymptotic`, `closedForm`, `fantasticFour`, `gram`, `reshaped`: valid for every input size.
    func sizeIndependentFigures(_ spec: ConvolutionSpec) -> LayerFigures {
        var ignored: Frequency?
        return sizeIndependentFigures(spec, maximizer: &ignored)
    }

    /// The same, with the frequency where the `asymptotic` search attained its lower value (`nil` when none).
    /// `valuesChecked`: `AnalysisLimits.valueRefusal` has already passed `spec.weight` (skips a second scan).
    func sizeIndependentFigures(
        _ spec: ConvolutionSpec, maximizer: inout Frequency?, valuesChecked: Bool = false
    ) -> LayerFigures {
        if let reason = options.limits.kernelRefusal(spec) { return unavailable(reason) }
        // Weights scaled by a folded BatchNormalization may leave the range the numerics handle.
        if !valuesChecked, let reason = AnalysisLimits.valueRefusal(spec.weight) { return unavailable(reason) }
        // The fast effort spends less search work per layer; every figure stays certified either way.
        var tuning = options.effectiveSearchEffort.tuning
        tuning.tolerance = options.asymptoticTolerance
        // Two layers run at once by default: keep each Gram iteration's working set small so that peak memory
        // stays near the model's size (docs/benchmarks.md).
        tuning.gramMemory = min(tuning.gramMemory, 64e6)
        let s = SizeIndependentFigures.compute(for: spec, options: tuning, threads: sizeIndependentThreads)
        maximizer = s.asymptotic.maximizer
        var f = LayerFigures()
        f.asymptotic = .computed(.init(s.asymptotic))
        f.closedForm = .computed(s.closedForm)
        f.fantasticFour = .computed(s.fantasticFour)
        f.gram = s.gram.map { .computed($0) }
            ?? .unavailable(reason: "one Gram iteration exceeds the memory or work cap")
        f.reshaped = .computed(.init(value: s.reshaped.value, kind: .notABound))
        return f
    }

    /// `exact`, `embedding`, `circulant` (and `approximation` with `--bounds all`) at the layer's input size.
    func sizeDependentFigures(_ mapping: ConvOperatorMapping, into f: inout LayerFigures, start: ExactStart = .random) {
        guard let input = mapping.operatorInputSize else {
            markSizeDependentUnavailable(
                "input size unknown (give --input-shape for the model's symbolic dims)", in: &f)
            return
        }
        let spec = mapping.spec
        if let reason = options.limits.operatorRefusal(spec, input: input) {
            let over = unavailable(reason, sizeSpecificOnly: true)
            (f.exact, f.embedding, f.circulant, f.approximation) = (over.exact, over.embedding, over.circulant, over.approximation)
            return
        }
        let lanczos = LanczosOptions(tolerance: options.exactTolerance, threads: lanczosThreads, memoryLimit: 128 << 20)
        // A 1×1 layer's three figures come from the same singular values: decompose its matrix once.
        let computed = [SizeDependentFigure.exact, .embedding, .circulant].filter { options.computes($0) }
        let pointwise = computed.isEmpty ? nil : PointwiseSpectrum(spec)
        // The screens of `embedding` and `circulant` decompose the symbol where the maximum probably is first.
        var hint: Frequency?
        if case .frequency(let w) = start { hint = w }
        // The embedding figure first: its per-group bounds let `exact` skip the groups that cannot hold the norm.
        var embedding: EmbeddingFigure?
        if options.computes(.embedding) {
            do {
                let e = try spec.embeddingBound(
                    input: input, plans: plans, threads: innerThreads, pointwise: pointwise, hint: hint)
                embedding = e
                f.embedding = .computed(.init(e))
            } catch {
                f.embedding = .unavailable(reason: error.description)
            }
        }
        if options.computes(.exact) {
            f.exact = exactFigure(
                spec, input: input, lanczos: lanczos, start: start, groupUppers: embedding?.groupUppers,
                pointwise: pointwise)
        }
        if options.computes(.circulant) {
            f.circulant = circulantFigure(spec, input: input, pointwise: pointwise, hint: hint)
        }
        guard options.bounds.includesApproximation else { return }
        do {
            let a = try spec.approximateSingularValues(input: input, limit: options.approximationLimit, lanczos: lanczos)
            f.approximation = .computed(.init(a, keepValues: options.singularValues))
        } catch {
            f.approximation = .unavailable(reason: error.description)
        }
    }

    /// The Lanczos norm at the input size (an estimate when it did not converge).
    /// `groupUppers`: certified bounds on the groups' norms (`EmbeddingFigure.groupUppers`), computed when `nil`.
    /// `pointwise`: a 1×1 layer's singular values, shared with its other figures.
    func exactFigure(
        _ spec: ConvolutionSpec, input: Size2D, lanczos: LanczosOptions, start: ExactStart = .random,
        groupUppers: [Double]? = nil, pointwise: PointwiseSpectrum? = nil
    ) -> FigureValue<LayerFigures.Exact> {
        do {
            return .computed(.init(try spec.exactNorm(
                input: input, options: lanczos, start: start, groupUppers: groupUppers, pointwise: pointwise)))
        } catch {
            return .unavailable(reason: error.description)
        }
    }

    /// The circulant spectrum's extremes at the input size (and every value with `--singular-values`).
    func circulantFigure(
        _ spec: ConvolutionSpec, input: Size2D, pointwise: PointwiseSpectrum? = nil, hint: Frequency? = nil
    ) -> FigureValue<LayerFigures.Circulant> {
        do {
            return .computed(.init(try spec.circulantSpectrum(
                input: input, plans: plans, includeValues: options.singularValues, threads: innerThreads,
                pointwise: pointwise, hint: hint)))
        } catch {
            return .unavailable(reason: error.description)
        }
    }
}
