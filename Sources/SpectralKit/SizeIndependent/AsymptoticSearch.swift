/// Branch and bound for `σ∞ = sup_ω ‖F(ω)‖₂` over the frequency torus (docs/asymptotic-certificate.md).
///
/// Cells are axis-aligned boxes of the domain `[0, π] × [−π, π]` (by `‖F(−ω)‖ = ‖F(ω)‖`; an axis with a
/// single tap is not searched). A cell's certified upper value is
///
///     max over its 4 corners of ‖F(corner)‖₂  +  (h1²·S1 + h2²·S2) / 8,
///
/// where `h` are its widths and `S_j ≥ sup_ω ‖∂²F/∂ω_j²‖₂`: the bilinear interpolant of `F` from the corners
/// has norm at most the largest corner value (non-negative weights summing to 1), and differs from `F` by
/// at most the second-order remainder. Corner values are shared between neighbouring cells and are attained
/// values, so they also give the lower bound.
///
/// With `exponentialType` (docs/asymptotic-certificate.md §3.1, Bernstein's inequality) a cell `Q` also gets
/// the conditional value `M_Q = maxcorner / (1 − (h1²n1² + h2²n2²)/8)` (and the two mixed forms), which bounds
/// `σ∞` whenever `Q` contains a maximizer of `‖F‖`; the cell's key is the smaller of the two. The largest key
/// over the leaves is therefore still a certified upper bound on `σ∞`, though a single key is no longer a
/// bound on `‖F‖` over its own cell. Best-first: the cells with the largest upper values are split
/// first; the search stops when every leaf's upper value is within `tolerance` of the best lower value, or
/// when the work budget is spent (the reported upper value is then the largest leaf's — still certified).
struct AsymptoticSearch {
    let density: SpectralDensity
    /// `S1, S2`: certified bounds on `sup_ω ‖∂²F/∂ω_j²‖₂` (for the density's centring).
    let curvature: (Double, Double)
    let tolerance: Double
    /// Flops allowed for the refinement (the initial grid is always evaluated).
    let workBudget: Double
    /// Optional sharpening of `curvature` (docs/asymptotic-certificate.md §3): per axis `j`, the symbol of
    /// the weighted kernel `(τ_j − c_j)²·K_τ` (whose norm is `‖∂²F/∂ω_j²‖`) and bounds `S_jk` on the
    /// norm of its second derivatives along both axes. Used when the budget is large enough to pay for
    /// evaluating it on the initial grid; built only then (`derivative(axis)` is called at most once per
    /// axis, and not at all when the budget is small).
    var derivative: (Int) -> (density: SpectralDensity, fourth: (Double, Double))? = { _ in nil }
    /// `n_j` per axis (docs/asymptotic-certificate.md §3.1): the half-width of the range of tap positions
    /// with a non-zero weight, so that `‖∂²F/∂ω_j²‖₂ ≤ n_j²·σ∞` everywhere (Bernstein). `nil`: not used.
    var exponentialType: (Double, Double)?
    /// A certified upper bound on `σ∞` known beforehand (other figures of the layer); with
    /// `exponentialType` it caps `S_j ≤ n_j²·otherUpper`.
    var otherUpper = Double.infinity
    /// Builds the Gram polynomial of the density's blocks (docs/asymptotic-certificate.md §5.1). Point values
    /// then come from it instead of the symbol when the blocks are large and the budget pays for forming it
    /// (`usesGramPolynomial`). `nil`: never.
    var gramPolynomial: (() -> GramPolynomial)?

    /// Bytes the Gram polynomial may occupy.
    static let gramPolynomialMemory = 48e6

    /// Whether forming the Gram polynomial buys at least as many points as evaluating the symbol (by the
    /// calibrated work estimates), for the work the search will spend (its budget, or the initial grid of
    /// `initialPoints` if larger).
    func usesGramPolynomial(initialPoints: Int) -> Bool {
        guard gramPolynomial != nil else { return false }
        let (g, co, ci, t) = (density.blocks, density.outChannels, density.inChannels, density.taps)
        guard min(co, ci) >= ComplexGramEigen.iterativeThreshold,
            GramPolynomial.memory(blocks: g, outChannels: co, inChannels: ci, taps: t) <= Self.gramPolynomialMemory
        else { return false }
        let direct = density.workPerPoint
        let work = max(workBudget, Double(initialPoints) * direct)
        let setUp = GramPolynomial.precomputeWork(blocks: g, outChannels: co, inChannels: ci, taps: t)
        let perPoint = GramPolynomial.workPerPoint(blocks: g, outChannels: co, inChannels: ci, taps: t)
        return (work - setUp) / perPoint >= work / direct
    }
    /// Threads for the point evaluations (the result does not depend on it).
    var threads = ThreadBudget.allProcessors

    struct Result {
        var lower: Double
        var upper: Double
        var grid: AsymptoticGrid
        /// Whether the largest leaf key, or `otherUpper`, is within `tolerance` of `lower`.
        var converged: Bool
        /// The evaluated point whose enclosure gave `lower` (on the density's torus).
        var maximizer: Frequency
    }

    private struct Key: Hashable {
        var i: Int
        var j: Int
    }

    private struct Cell {
        var i0: Int, i1: Int, j0: Int, j1: Int
    }

    private static let depth = 40

    func run() -> Result {
        let k = density.taps
        let searched = [k.h > 1, k.w > 1]  // a single-tap axis: F does not depend on that coordinate
        var s = [curvature.0, curvature.1]
        // Domain per axis: (lower end, span, initial cells).
        var lo = [0.0, 0.0], span = [0.0, 0.0], cells = [1, 1]
        let taps = [k.h, k.w]
        for a in 0..<2 where searched[a] {
            let full = a == 1 && searched[0]  // the second axis spans the whole circle when both are searched
            lo[a] = full ? -Double.pi : 0
            span[a] = full ? 2 * Double.pi : Double.pi
            cells[a] = full ? max(4, 2 * taps[a]) : max(2, taps[a])
        }
        let units = [cells[0] << Self.depth, cells[1] << Self.depth]
        let step = [searched[0] ? 1 << Self.depth : 0, searched[1] ? 1 << Self.depth : 0]
        func coordinate(_ a: Int, _ i: Int) -> Double { lo[a] + span[a] * Double(i) / Double(units[a]) }
        func width(_ a: Int, _ c: Cell) -> Double {
            a == 0 ? span[0] * Double(c.i1 - c.i0) / Double(units[0]) : span[1] * Double(c.j1 - c.j0) / Double(units[1])
        }
        let type = exponentialType.map { [$0.0, $0.1] }
        /// The cell's key: the additive bound `maxcorner + Σ_j h_j²S_j/8`, or with `exponentialType` the
        /// smallest of it and the Bernstein forms `(maxcorner + Σ_{j∉P} h_j²S_j/8) / (1 − Σ_{j∈P} h_j²n_j²/8)`
        /// over the non-empty axis sets `P` with a positive denominator (§3.1).
        func key(_ c: Cell, corner m: Double) -> Double {
            let h = [width(0, c), width(1, c)]
            var best = m + (h[0] * h[0] * s[0] + h[1] * h[1] * s[1]) / 8 * (1 + 1e-12)
            guard let n = type else { return best }
            let t = [h[0] * h[0] * s[0] / 8 * (1 + 1e-12), h[1] * h[1] * s[1] / 8 * (1 + 1e-12)]
            let r = [h[0] * h[0] * n[0] * n[0] / 8 * (1 + 1e-12), h[1] * h[1] * n[1] * n[1] / 8 * (1 + 1e-12)]
            for (inP0, inP1) in [(true, false), (false, true), (true, true)] {
                let denominator = 1 - ((inP0 ? r[0] : 0) + (inP1 ? r[1] : 0))
                guard denominator >= 1e-3 else { continue }
                let numerator = m + (inP0 ? 0 : t[0]) + (inP1 ? 0 : t[1])
                best = min(best, numerator / denominator * (1 + 1e-12))
            }
            return best
        }
        // Points with equal ‖F‖ by symmetry share one key: on ω1 ∈ {0, π}, ω2 ↔ −ω2; and ω2 = −π ≡ π.
        func canonical(_ i: Int, _ j: Int) -> Key {
            guard searched[0] && searched[1] else { return Key(i: i, j: j) }
            var j = j
            if i == 0 || i == units[0] { j = max(j, units[1] - j) }
            if j == 0 { j = units[1] }
            return Key(i: i, j: j)
        }
        func corners(_ c: Cell) -> [Key] {
            var keys = [canonical(c.i0, c.j0)]
            if c.i1 != c.i0 { keys.append(canonical(c.i1, c.j0)) }
            if c.j1 != c.j0 {
                keys.append(canonical(c.i0, c.j1))
                if c.i1 != c.i0 { keys.append(canonical(c.i1, c.j1)) }
            }
            return keys
        }

        var values: [Key: NormInterval] = [:]
        // Top-eigenvector estimates of evaluated points (small blocks only, `SpectralDensity.warmStartCount`):
        // a new point's enclosure starts from its nearest evaluated neighbour's.
        var vectors: [Key: [Double]] = [:]
        var lower = 0.0
        var maximizer = Frequency(0, 0)
        var work = 0.0
        var perPoint = density.workPerPoint
        // Set while evaluating an initial grid after which the budget allows no refinement (large blocks only).
        var initialOnly = false
        var pointNorms = { (points: [Frequency], starts: [[Double]?]) in
            // Point enclosures a sixteenth of the tolerance wide are plenty for the search.
            density.largestSingularValues(
                at: points, starts: starts, relativeWidth: tolerance / 8, tightOnlyNearMaximum: initialOnly,
                threads: threads)
        }
        func evaluate(_ keys: [Key], startingFrom neighbour: [Key: Key] = [:]) {
            let fresh = Array(Set(keys.filter { values[$0] == nil })).sorted { ($0.i, $0.j) < ($1.i, $1.j) }
            guard !fresh.isEmpty else { return }
            let points = fresh.map { Frequency(coordinate(0, $0.i), coordinate(1, $0.j)) }
            let (norms, estimates) = pointNorms(points, fresh.map { neighbour[$0].flatMap { vectors[$0] } })
            for (key, estimate) in zip(fresh, estimates) where !estimate.isEmpty { vectors[key] = estimate }
            for (key, n, point) in zip3(fresh, norms, points) {
                values[key] = n
                if n.lower > lower {
                    lower = n.lower
                    maximizer = point
                }
            }
            work += perPoint * Double(fresh.count)
        }
        /// The cell's key: `key(_:corner:)` of its largest corner, sharpened by the interpolated bound of §3.2
        /// (a few steps of `σ ← g(σ)`, each still at least `σ∞` when the cell holds a maximizer).
        func upper(_ c: Cell) -> Double {
            let v = [(c.i0, c.j0), (c.i1, c.j0), (c.i0, c.j1), (c.i1, c.j1)].map { values[canonical($0.0, $0.1)]!.upper }
            var sigma = key(c, corner: v.max()!)
            let h = [width(0, c), width(1, c)]
            for _ in 0..<3 {
                // S_j(σ) = min(S_j, n_j²·σ): the Bernstein constant under the hypothesis σ ≥ σ∞.
                let e = (0..<2).map { a in min(s[a], type.map { $0[a] * $0[a] * sigma } ?? .infinity) }
                let a = h[0] * h[0] * e[0] / 2 * (1 + 1e-12), b = h[1] * h[1] * e[1] / 2 * (1 + 1e-12)
                let g = CellInterpolation.maximum(corners: (v[0], v[1], v[2], v[3]), bulge: (a, b)) * (1 + 1e-12)
                guard g < sigma else { break }
                sigma = g
            }
            return sigma
        }

        // Initial grid.
        var initial: [Cell] = []
        for a in 0..<cells[0] {
            for b in 0..<cells[1] {
                initial.append(Cell(i0: a * step[0], i1: (a + 1) * step[0], j0: b * step[1], j1: (b + 1) * step[1]))
            }
        }
        let initialKeys = initial.flatMap(corners)
        if let build = gramPolynomial, usesGramPolynomial(initialPoints: Set(initialKeys).count) {
            let gram = build()
            let (g, co, ci, t) = (density.blocks, density.outChannels, density.inChannels, density.taps)
            work += GramPolynomial.precomputeWork(blocks: g, outChannels: co, inChannels: ci, taps: t)
            perPoint = GramPolynomial.workPerPoint(blocks: g, outChannels: co, inChannels: ci, taps: t)
            pointNorms = { points, _ in
                let norms = gram.largestSingularValues(at: points, relativeWidth: tolerance / 8, threads: threads)
                return (norms, Array(repeating: [], count: norms.count))
            }
        }
        // When the budget ends with the initial grid, the result depends only on the largest corner upper end
        // (all initial cells have one size, and the key grows with it) and the largest lower end: the other
        // corners may be enclosed more loosely (docs/asymptotic-certificate.md §5.2).
        initialOnly = work == 0 && Double(Set(initialKeys).count + 1) * perPoint >= workBudget
        evaluate(initialKeys)
        initialOnly = false
        // Sharpen S_j: the cell theorem applied to ∂²F/∂ω_j² on the initial grid, when the budget allows
        // at least eight times the initial grid (the extra cost is twice the initial grid).
        let gridKeys = Array(Set(initialKeys)).sorted { ($0.i, $0.j) < ($1.i, $1.j) }
        if workBudget >= 8 * density.workPerPoint * Double(gridKeys.count) {
            let h = [searched[0] ? span[0] / Double(cells[0]) : 0, searched[1] ? span[1] / Double(cells[1]) : 0]
            let points = gridKeys.map { Frequency(coordinate(0, $0.i), coordinate(1, $0.j)) }
            for a in 0..<2 where searched[a] {
                guard let d = derivative(a) else { continue }
                let largest = d.density.largestSingularValues(at: points, relativeWidth: tolerance / 8, threads: threads)
                    .map(\.upper).max() ?? .infinity
                let sharpened = (largest + (h[0] * h[0] * d.fourth.0 + h[1] * h[1] * d.fourth.1) / 8) * (1 + 1e-12)
                s[a] = min(s[a], sharpened)
                work += d.density.workPerPoint * Double(points.count)
            }
        }
        // Bernstein caps S_j ≤ n_j²·σ∞ ≤ n_j²·otherUpper (§3.1).
        if let n = type, otherUpper.isFinite {
            for a in 0..<2 { s[a] = min(s[a], n[a] * n[a] * otherUpper * (1 + 1e-12)) }
        }
        let usesWarmStarts = density.warmStartCount > 0 && vectors.count > 0
        /// For each not yet evaluated corner of `child` (a cell inside `parent`) that is its own canonical
        /// point, the nearest corner of `parent` that is too (ties: the larger value), whose eigenvector starts
        /// its enclosure. A point stored under another canonical key has the conjugate Gram matrix (the
        /// symmetries of §2), so it gets no start.
        func nearestCorners(of child: Cell, in parent: Cell, into neighbour: inout [Key: Key]) {
            let scale = [span[0] / Double(units[0]), span[1] / Double(units[1])]
            for (i, j) in [(child.i0, child.j0), (child.i1, child.j0), (child.i0, child.j1), (child.i1, child.j1)] {
                let key = Key(i: i, j: j)
                guard canonical(i, j) == key, values[key] == nil, neighbour[key] == nil else { continue }
                var best: (distance: Double, value: Double, key: Key)?
                for (pi, pj) in [(parent.i0, parent.j0), (parent.i1, parent.j0), (parent.i0, parent.j1), (parent.i1, parent.j1)] {
                    let candidate = Key(i: pi, j: pj)
                    guard canonical(pi, pj) == candidate, let value = values[candidate]?.upper else { continue }
                    let di = Double(pi - i) * scale[0], dj = Double(pj - j) * scale[1]
                    let distance = di * di + dj * dj
                    if best.map({ distance < $0.distance || (distance == $0.distance && value > $0.value) }) ?? true {
                        best = (distance, value, candidate)
                    }
                }
                if let best { neighbour[key] = best.key }
            }
        }
        var heap = MaxHeap<Cell>()
        for c in initial { heap.push(c, priority: upper(c)) }
        var finest = [searched[0] ? span[0] / Double(cells[0]) : 0, searched[1] ? span[1] / Double(cells[1]) : 0]

        // Points evaluated per round: enough to keep both cores busy, few when points are expensive.
        let roundPoints = perPoint < 2e6 ? 64 : (perPoint < 5e7 ? 16 : 4)
        var stuck = -Double.infinity  // upper values of cells that cannot be split further
        var converged = false
        while let top = heap.topPriority {
            // The layer's upper figure is the smaller of this search's and `otherUpper` (§4, step 5).
            if min(max(top, stuck), otherUpper) <= lower * (1 + tolerance) {
                converged = true
                break
            }
            if top <= lower * (1 + tolerance) { break }  // only unsplittable cells remain above the target
            if work + perPoint >= workBudget { break }
            var pending: [Key] = []
            var neighbour: [Key: Key] = [:]
            var children: [Cell] = []
            var pendingCount = 0
            while let t = heap.topPriority, t > lower * (1 + tolerance), pendingCount < roundPoints,
                work + perPoint * Double(pendingCount + 1) < workBudget || pendingCount == 0 {
                let (priority, c) = heap.pop()!
                // Split where the remainder is largest: per axis, the smaller of S_j and (Bernstein) n_j²·σ∞.
                let e = (0..<2).map { a in min(s[a], type.map { $0[a] * $0[a] * lower } ?? .infinity) }
                let r1 = width(0, c) * width(0, c) * e[0], r2 = width(1, c) * width(1, c) * e[1]
                let split1 = searched[0] && c.i1 - c.i0 >= 2 && r1 >= 0.5 * max(r1, r2)
                let split2 = searched[1] && c.j1 - c.j0 >= 2 && r2 >= 0.5 * max(r1, r2)
                if !split1 && !split2 {
                    stuck = max(stuck, priority)
                    continue
                }
                let iCuts = split1 ? [c.i0, (c.i0 + c.i1) / 2, c.i1] : [c.i0, c.i1]
                let jCuts = split2 ? [c.j0, (c.j0 + c.j1) / 2, c.j1] : [c.j0, c.j1]
                for a in 0..<(iCuts.count - 1) {
                    for b in 0..<(jCuts.count - 1) {
                        let child = Cell(i0: iCuts[a], i1: iCuts[a + 1], j0: jCuts[b], j1: jCuts[b + 1])
                        children.append(child)
                        for key in corners(child) where values[key] == nil {
                            pending.append(key)
                        }
                        if usesWarmStarts { nearestCorners(of: child, in: c, into: &neighbour) }
                    }
                }
                pendingCount = Set(pending).count
            }
            evaluate(pending, startingFrom: neighbour)
            for c in children {
                heap.push(c, priority: upper(c))
                finest[0] = min(finest[0], width(0, c))
                finest[1] = min(finest[1], width(1, c))
            }
        }
        let upperValue = max(heap.topPriority ?? 0, stuck)
        let grid = AsymptoticGrid(
            initialCells: Size2D(cells[0], cells[1]), evaluatedPoints: values.count,
            finestCell: finest, work: work)
        return Result(lower: lower, upper: upperValue, grid: grid, converged: converged, maximizer: maximizer)
    }

    private func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
        (0..<min(a.count, b.count, c.count)).map { (a[$0], b[$0], c[$0]) }
    }
}
