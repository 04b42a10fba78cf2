/// Point enclosures that start from a nearby point's top eigenvector (the `asymptotic` search subdivides cells,
/// so a new point always has evaluated neighbours): small blocks only (`ComplexGramEigen.usesSmallIterative`).
extension SpectralDensity {
    /// Doubles of one point's eigenvector estimates (all blocks), or 0 when this density's blocks do not take
    /// the small-block iterative path (then no estimates are returned and starts are ignored).
    var warmStartCount: Int {
        let n = min(outChannels, inChannels)
        return ComplexGramEigen.usesSmallIterative(side: n) ? 2 * blocks * n : 0
    }

    /// Like `largestSingularValues(at:relativeWidth:threads:)` (same guarantee, same margin), for
    /// `relativeWidth > 0`, with a start per point (`warmStartCount` doubles: per block the estimate of the top
    /// eigenvector of the Gram matrix on the smaller side at a nearby point, or `nil`) and the estimates at
    /// these points as a by-product (empty arrays when `warmStartCount` is 0). The enclosures are certified
    /// whatever the starts; good starts only make them cheaper. Results do not depend on `threads`.
    /// `tightOnlyNearMaximum`: as for `largestSingularValues(at:relativeWidth:tightOnlyNearMaximum:threads:)`
    /// (large blocks, which take no starts).
    func largestSingularValues(
        at points: [Frequency], starts: [[Double]?], relativeWidth: Double, tightOnlyNearMaximum: Bool = false,
        threads: ThreadBudget
    ) -> (norms: [NormInterval], vectors: [[Double]]) {
        precondition(starts.count == points.count && relativeWidth > 0)
        guard warmStartCount > 0 else {
            let norms = largestSingularValues(
                at: points, relativeWidth: relativeWidth, tightOnlyNearMaximum: tightOnlyNearMaximum, threads: threads)
            return (norms, Array(repeating: [], count: norms.count))
        }
        guard !points.isEmpty else { return ([], []) }
        let ranges = pointChunks(count: points.count)
        let parts = ParallelMap.map(count: ranges.count, threads: threads) { c in
            self.warmNorms(points[ranges[c]], starts: starts[ranges[c]], relativeWidth: relativeWidth)
        }
        return (parts.flatMap { $0.norms }, parts.flatMap { $0.vectors })
    }

    private func warmNorms(
        _ points: ArraySlice<Frequency>, starts: ArraySlice<[Double]?>, relativeWidth: Double
    ) -> (norms: [NormInterval], vectors: [[Double]]) {
        let perPoint = valuesPerPoint, e = outChannels * inChannels
        let n = min(outChannels, inChannels)
        let margin = squaredMargin
        // `evaluate` writes every entry (`zgemm` with β = 0): no need to zero the buffer first.
        var values = [Double](unsafeUninitializedCapacity: points.count * perPoint) { _, count in
            count = points.count * perPoint
        }
        var gram = [Double](repeating: 0, count: ComplexGramEigen.scratchCount(rows: outChannels, cols: inChannels))
        var workspace = SmallHermitianTopEigenvalue.Workspace(n: n)
        var norms = [NormInterval](), vectors = [[Double]]()
        norms.reserveCapacity(points.count)
        vectors.reserveCapacity(points.count)
        values.withUnsafeMutableBufferPointer { v in
            evaluate(points, into: v.baseAddress!)
            gram.withUnsafeMutableBufferPointer { g in
                for (row, start) in starts.enumerated() {
                    var best = NormInterval(exactly: 0)
                    var estimate = [Double](repeating: 0, count: warmStartCount)
                    estimate.withUnsafeMutableBufferPointer { out in
                        for b in 0..<blocks {
                            let f = UnsafePointer(v.baseAddress! + row * perPoint + 2 * b * e)
                            ComplexGramEigen.formGram(f, rows: outChannels, cols: inChannels, into: g.baseAddress!)
                            let l = start.map { s in
                                precondition(s.count == warmStartCount)
                                return s.withUnsafeBufferPointer { sb in
                                    SmallHermitianTopEigenvalue.enclose(
                                        UnsafePointer(g.baseAddress!), n: n, relativeWidth: relativeWidth,
                                        start: sb.baseAddress! + 2 * b * n, vector: out.baseAddress! + 2 * b * n,
                                        workspace: &workspace)
                                }
                            } ?? SmallHermitianTopEigenvalue.enclose(
                                UnsafePointer(g.baseAddress!), n: n, relativeWidth: relativeWidth, start: nil,
                                vector: out.baseAddress! + 2 * b * n, workspace: &workspace)
                            best = best.maximum(NormInterval.squareRootOf(enclosure: l, margin: margin))
                        }
                    }
                    norms.append(best)
                    vectors.append(estimate)
                }
            }
        }
        return (norms, vectors)
    }
}
