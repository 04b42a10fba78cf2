extension ConvolutionSpec {
    /// The `approximation` figure at input size `input` (see `ApproximationFigure`).
    ///
    /// - Parameters:
    ///   - grid: the sampling grid (default: the measured best, `ApproximationFigure.defaultGrid`).
    ///   - exactTop: how many top values to replace by Lanczos values (default 8; 0 for the raw grid).
    ///   - limit: refuse layers with `c_in·n1·n2` above this (default 2^20).
    /// - Throws: `.kernelLargerThanPaddedInput`, or `.tooLarge` beyond `limit`.
    public func approximateSingularValues(
        input: Size2D, grid: ApproximationGrid = ApproximationFigure.defaultGrid, exactTop: Int = 8,
        limit: Int = ApproximationFigure.defaultLimit, lanczos: LanczosOptions = LanczosOptions()
    ) throws(SizeDependentError) -> ApproximationFigure {
        guard let out = outputSize(forInput: input) else {
            throw .kernelLargerThanPaddedInput(input: input, effectiveKernel: effectiveKernel)
        }
        let size = inChannels * input.product
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        let rows = outChannels * out.product, cols = inChannels * input.product
        var values: [Double] = []
        for g in 0..<groups {
            let kernel = polyphaseKernel(group: g)
            let symbol = SeparableSymbol(
                kernel: kernel, theta1: grid.angles(out.h, firstAxis: true), theta2: grid.angles(out.w, firstAxis: false))
            var part = symbol.allSingularValues(threads: lanczos.threads).sorted(by: >)
            let single = singleGroup(g)
            let count = Swift.min(single.outChannels * out.product, single.inChannels * input.product)
            if part.count > count { part.removeLast(part.count - count) }
            while part.count < count { part.append(0) }
            values.append(contentsOf: part)
        }
        let total = Swift.min(rows, cols)
        values.sort(by: >)
        while values.count < total { values.append(0) }
        let top = Swift.min(exactTop, total)
        if top > 0 {
            let exact = try topSingularValues(input: input, k: top, options: lanczos)
            for i in 0..<Swift.min(top, exact.count) { values[i] = exact[i] }
            // The rest of the true spectrum lies below the exact values: clamp the grid values there.
            if let floor = exact.last {
                for i in exact.count..<values.count { values[i] = Swift.min(values[i], floor) }
            }
        }
        return ApproximationFigure(singularValues: values, grid: grid, exactTop: top, input: input)
    }
}
