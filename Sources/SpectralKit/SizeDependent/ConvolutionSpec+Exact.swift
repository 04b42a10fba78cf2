extension ConvolutionSpec {
    /// The `exact` figure at input size `input` (see `ExactFigure`): per group, Lanczos on the operator
    /// applied directly (`ConvolutionOperator`), then the max over groups. A grouped layer first runs the
    /// group with the largest certified upper bound, then only the groups whose bound exceeds the norm that
    /// group attained (`GroupScreen`): the others provably cannot hold the norm, and the figure's `value` and
    /// `lower` are the same bit for bit as when every group runs. Those groups run in parallel when there are
    /// several, each single-threaded.
    ///
    /// `groupUppers`: certified upper bounds on each group's norm at this size, in group order (e.g.
    /// `EmbeddingFigure.groupUppers`); computed when `nil` (`groupEmbeddingBounds`). Tightened by each group's
    /// strip bound on short feature maps (`groupStripBounds`).
    ///
    /// - Throws: `.kernelLargerThanPaddedInput` when the layer has no output at this size.
    /// A 1×1 kernel is computed directly: `‖T_n‖₂ = max_g σ_max(K_g)` (exact to LAPACK precision, 0 iterations).
    /// `start` chooses Lanczos's start vectors (`ExactStart`): it changes the number of steps, not the
    /// stopping test or the tolerance the figure is held to. `pointwise`: a 1×1 layer's singular values when
    /// already computed (the layer's other figures use the same ones).
    public func exactNorm(
        input: Size2D, options: LanczosOptions = LanczosOptions(), start: ExactStart = .random,
        groupUppers: [Double]? = nil, pointwise: PointwiseSpectrum? = nil
    ) throws(SizeDependentError) -> ExactFigure {
        try exactNorm(
            input: input, options: options, start: start, groupUppers: groupUppers, pointwise: pointwise, screen: true)
    }

    /// As above; `screen: false` runs every group (for tests and measurements).
    func exactNorm(
        input: Size2D, options: LanczosOptions, start: ExactStart, groupUppers: [Double]?,
        pointwise: PointwiseSpectrum? = nil, screen: Bool
    ) throws(SizeDependentError) -> ExactFigure {
        try checkFits(input)
        if let pixels = pointwiseReadPixels(input: input), let spectrum = pointwise ?? PointwiseSpectrum(self) {
            let value = pixels == 0 ? 0 : (0..<groups).map { spectrum.largest(group: $0) }.max() ?? 0
            return ExactFigure(
                value: value, lower: value, iterations: 0, tolerance: options.tolerance, converged: true, input: input)
        }
        let results: [LanczosResult]
        if groups > 1 && screen {
            var uppers: [Double]
            if let groupUppers {
                uppers = groupUppers
            } else {
                uppers = try groupEmbeddingBounds(input: input, plans: FFTPlanCache(), threads: options.threads)
            }
            precondition(uppers.count == groups, "\(uppers.count) group bounds for \(groups) groups")
            // The strip bound is far tighter on short feature maps (few groups left to run).
            if let strip = groupStripBounds(input: input) {
                for g in 0..<groups { uppers[g] = Swift.min(uppers[g], strip[g]) }
            }
            results = try screenedGroupLanczos(input: input, options: options, start: start, uppers: uppers)
        } else {
            results = try groupLanczos(input: input, k: 1, options: options, start: start)
        }
        return ExactFigure(
            value: results.map { $0.values.first ?? 0 }.max() ?? 0,
            lower: results.map(\.lower).max() ?? 0,
            iterations: results.reduce(0) { $0 + $1.iterations }, tolerance: options.tolerance,
            converged: results.allSatisfy(\.converged), input: input)
    }

    /// The `k` largest singular values of `T_n` (union over groups, descending), each exact to the relative
    /// tolerance of `options` (Lanczos Ritz values: never above the true values). The block size is raised
    /// to `k`: a Krylov method finds at most `blockSize` copies of a repeated value, and convolutions have
    /// highly repeated ones (a 1×1 layer repeats each value of its matrix `n1·n2` times).
    public func topSingularValues(input: Size2D, k: Int, options: LanczosOptions = LanczosOptions()) throws(SizeDependentError) -> [Double] {
        try checkFits(input)
        if let pixels = pointwiseReadPixels(input: input), let spectrum = PointwiseSpectrum(self) {
            var all: [Double] = []
            for g in 0..<groups {
                for s in pointwiseSingularValues(group: g, spectrum) {
                    all.append(contentsOf: repeatElement(s, count: Swift.min(pixels, k)))
                }
            }
            return Array(all.sorted(by: >).prefix(k))
        }
        var options = options
        options.blockSize = Swift.max(options.blockSize, k)
        options.basisSize = Swift.max(options.basisSize, 8 * options.blockSize)
        // Converge a few more values than asked: the k-th value of a dense spectrum otherwise settles on a
        // neighbour the Krylov space has not resolved yet (measured: 1.3e-5 relative on the 8th value of a
        // 64-channel layer at 56×56 without the margin).
        let margin = k > 1 ? 4 : 0
        let results = try groupLanczos(input: input, k: k + margin, options: options)
        return Array(results.flatMap(\.values).sorted(by: >).prefix(k))
    }

    /// The input-side start vectors of group `g` for `start` (none for `.random`).
    func startVectors(_ start: ExactStart, group g: Int, input: Size2D) -> [[Double]] {
        switch start {
        case .random: return []
        case .frequency(let w):
            guard w.w1.isFinite, w.w2.isFinite else { return [] }
            // One warm vector: the block's other vectors stay random (see `GolubKahanLanczos`).
            let wave = planeWaveStart(group: g, input: input, frequency: w)
            let norms = wave.map { v in v.reduce(0) { $0 + $1 * $1 } }
            return [norms[0] >= 1e-6 * norms[1] ? wave[0] : wave[1]]
        }
    }

    private func checkFits(_ input: Size2D) throws(SizeDependentError) {
        guard outputSize(forInput: input) != nil else {
            throw .kernelLargerThanPaddedInput(input: input, effectiveKernel: effectiveKernel)
        }
    }

    /// `GroupScreen`: the `GroupScreen.firstRound` groups with the largest upper bounds first (in parallel),
    /// then every group whose bound is not below the largest norm they attained.
    private func screenedGroupLanczos(
        input: Size2D, options: LanczosOptions, start: ExactStart, uppers: [Double]
    ) throws(SizeDependentError) -> [LanczosResult] {
        let order = GroupScreen.order(uppers)
        let firstCount = Swift.min(GroupScreen.firstRound, order.count)
        let first = try lanczos(groups: Array(order.prefix(firstCount)), input: input, k: 1, options: options, start: start)
        let lower = first.map(\.lower).max() ?? 0
        let rest = order.dropFirst(firstCount).filter { !GroupScreen.excludes(upper: uppers[$0], lower: lower) }
        return try first + lanczos(groups: Array(rest), input: input, k: 1, options: options, start: start)
    }

    private func groupLanczos(
        input: Size2D, k: Int, options: LanczosOptions, start: ExactStart = .random
    ) throws(SizeDependentError) -> [LanczosResult] {
        if groups == 1 {
            let op = try ConvolutionOperator(spec: self, input: input, threads: options.threads)
            return [GolubKahanLanczos.topSingularValues(of: op, k: k, options: options, start: startVectors(start, group: 0, input: input))]
        }
        return try lanczos(groups: Array(0..<groups), input: input, k: k, options: options, start: start)
    }

    /// One Lanczos run per listed group, results in list order, in parallel, each single-threaded: the same
    /// runs whichever groups are listed together (a group's operator on more threads splits its `dgemm`
    /// calls differently, which moved a figure's last bit in tests).
    private func lanczos(
        groups list: [Int], input: Size2D, k: Int, options: LanczosOptions, start: ExactStart
    ) throws(SizeDependentError) -> [LanczosResult] {
        if list.isEmpty { return [] }
        if options.threads.threads > 1 { BLASThreading.useSingleThread() }
        let results = ResultSlots<LanczosResult>(count: list.count)
        var serial = options
        serial.threads = .serial
        let inner = serial
        let spec = self
        ConcurrentLoop.forEachBatch(count: list.count, batch: 1, threads: options.threads) { _, range in
            for i in range {
                let g = list[i]
                // Cannot throw: the size check covers every group.
                guard let op = try? ConvolutionOperator(spec: spec.singleGroup(g), input: input, threads: .serial) else { continue }
                let vectors = spec.startVectors(start, group: g, input: input)
                results.set(i, GolubKahanLanczos.topSingularValues(of: op, k: k, options: inner, start: vectors))
            }
        }
        return results.values
    }
}
