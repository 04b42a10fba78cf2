@testable import SpectralKit
import Testing
import TestSupport

/// The `exact` figure of grouped and depthwise convolutions skips the groups whose certified `embedding`
/// bound lies below the norm the first group attained (`GroupScreen`). Held to the dense operator norm and,
/// bit for bit, to the run over every group (`screen: false`), on seeded layers with several group counts,
/// strides, dilations and pads, ConvTranspose, and groups whose top values are close or equal (where one
/// Lanczos over the whole block-diagonal operator stopped 6.6e-6 low: docs/benchmarks.md).
@Suite struct ExactGroupScreenTests {
    typealias K = DenseOperatorKernels

    /// Structural cases, each group's operator above `LanczosOptions.denseLimit`-free Krylov size.
    static func cases() -> [(name: String, def: ConvDefinition, input: (Int, Int))] {
        [
            ("depthwise 12", K.randomConv(cout: 12, cin: 12, kernel: (3, 3), pads: (1, 1, 1, 1), group: 12, seed: 701), (9, 8)),
            ("depthwise 8 stride 2", K.randomConv(cout: 8, cin: 8, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), group: 8, seed: 702), (11, 10)),
            ("depthwise 6 multiplier 2 dilation 2", K.randomConv(cout: 12, cin: 6, kernel: (3, 3), dilations: (2, 2), pads: (2, 2, 2, 2), group: 6, seed: 703), (8, 9)),
            ("groups 3 stride 1x2", K.randomConv(cout: 6, cin: 9, kernel: (3, 2), strides: (1, 2), pads: (1, 0, 1, 1), group: 3, seed: 704), (8, 9)),
            ("depthwise 10 5x5 unpadded", K.randomConv(cout: 10, cin: 10, kernel: (5, 5), group: 10, seed: 705), (10, 11)),
            ("depthwise 16 5x5 short map", K.randomConv(cout: 16, cin: 16, kernel: (5, 5), pads: (2, 2, 2, 2), group: 16, seed: 706), (3, 40)),
            ("groups 2 stride 3 dilation 2x1", K.randomConv(cout: 4, cin: 6, kernel: (2, 3), strides: (3, 3), dilations: (2, 1), pads: (0, 2, 1, 3), group: 2, seed: 707), (14, 13)),
            ("the whole-operator failure w(6,1,2,3) s(1,3) g2", K.randomConv(cout: 6, cin: 2, kernel: (2, 3), strides: (1, 3), group: 2, seed: 708), (14, 11)),
        ]
    }

    @Test(arguments: [ExactStart.random, ExactStart.frequency(Frequency(0.7, -1.9))])
    func screenedValueIsTheDenseNormAndTheEveryGroupValueBitForBit(start: ExactStart) throws {
        for c in Self.cases() {
            try checkAgainstOracleAndEveryGroup(c.def, c.input, start: start, name: c.name)
        }
    }

    /// Groups that are copies of one group scaled by `1 + δ` (δ from 0 — a tie — to 1e-5) or perturbed by
    /// noise of relative size 1e-7: the groups' top values lie as close as the stopping tolerance or closer.
    @Test func groupsWithCloseTopValues() throws {
        var rng = SeededGenerator(seed: 720)
        let bases: [(ConvDefinition, (Int, Int))] = [
            (K.randomConv(cout: 6, cin: 2, kernel: (2, 3), strides: (1, 3), group: 2, seed: 721), (14, 11)),
            (K.randomConv(cout: 5, cin: 5, kernel: (3, 3), pads: (1, 1, 1, 1), group: 5, seed: 722), (9, 9)),
            (K.randomConv(cout: 8, cin: 4, kernel: (3, 3), strides: (2, 1), pads: (1, 1, 1, 1), group: 4, seed: 723), (12, 10)),
        ]
        for (base, n) in bases {
            for delta in [0, 1e-9, 3e-7, 1e-6, 1e-5] {
                for noise in [0, 1e-7] {
                    var def = base
                    let per = def.weight.count / def.group
                    for g in 1..<def.group {
                        for i in 0..<per {
                            let w = def.weight[i] * (1 + delta * Double(g)) + noise * rng.normal()
                            def.weight[g * per + i] = w
                        }
                    }
                    try checkAgainstOracleAndEveryGroup(def, n, start: .random, name: "\(def) δ \(delta) noise \(noise)")
                }
            }
        }
    }

    /// Random grouped geometries (2–8 groups, 1–2 channels per group on each side, kernel, stride, dilation,
    /// pads, size), a third of them with every group a near copy of the first: 30 trials, 150 with
    /// `LIPLINT_HEAVY_TESTS=1`.
    @Test func randomizedGroupedLayersMatchTheDenseNorm() throws {
        var rng = SeededGenerator(seed: 730)
        for trial in 0..<(heavyTests ? 150 : 30) {
            let g = [2, 3, 4, 6, 8][Int.random(in: 0...4, using: &rng)]
            let ci = Int.random(in: 1...2, using: &rng), co = Int.random(in: 1...2, using: &rng)
            let k = (Int.random(in: 1...5, using: &rng), Int.random(in: 2...5, using: &rng))
            let s = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
            let d = (Int.random(in: 1...2, using: &rng), Int.random(in: 1...2, using: &rng))
            let p = (Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng))
            let n = (Int.random(in: 4...14, using: &rng), Int.random(in: 4...14, using: &rng))
            var def = K.randomConv(cout: g * co, cin: g * ci, kernel: k, strides: s, dilations: d, pads: p, group: g, seed: UInt64(7300 + trial))
            if trial % 3 == 0 {
                let per = def.weight.count / g
                for h in 1..<g {
                    for i in 0..<per { def.weight[h * per + i] = def.weight[i] * (1 + 1e-7 * rng.normal()) }
                }
            }
            guard def.convOutputSize(n.0, n.1) != nil else { continue }
            try checkAgainstOracleAndEveryGroup(def, n, start: .random, name: "trial \(trial): \(def) at \(n)")
        }
    }

    /// One dominant group: only the first round runs (the dominant group and the next by upper bound), so
    /// the figure costs those two groups' steps, and its value is the dominant group's own, bit for bit.
    @Test func aDominantGroupLeavesOnlyTheFirstRound() throws {
        var def = K.randomConv(cout: 12, cin: 12, kernel: (3, 3), pads: (1, 1, 1, 1), group: 12, seed: 740)
        let per = def.weight.count / def.group
        for i in (5 * per)..<(6 * per) { def.weight[i] *= 10 }
        let spec = def.spec, input = Size2D(10, 9)
        let options = LanczosOptions(denseLimit: 0)
        let screened = try spec.exactNorm(input: input, options: options)
        let order = GroupScreen.order(try spec.groupEmbeddingBounds(input: input, plans: FFTPlanCache()))
        #expect(order[0] == 5 && GroupScreen.firstRound == 2)
        // Each group runs single-threaded inside the layer's figure.
        var serial = options
        serial.threads = .serial
        let alone = try spec.singleGroup(5).exactNorm(input: input, options: serial)
        let second = try spec.singleGroup(order[1]).exactNorm(input: input, options: serial)
        #expect(screened.iterations == alone.iterations + second.iterations, "\(screened.iterations) steps")
        #expect(screened.value.bitPattern == alone.value.bitPattern && screened.lower.bitPattern == alone.lower.bitPattern)
        let every = try spec.exactNorm(input: input, options: options, start: .random, groupUppers: nil, screen: false)
        #expect(every.iterations > 4 * screened.iterations, "\(every.iterations) steps over every group")
    }

    /// Each group's embedding bound is above that group's dense norm, and their max is the layer's bound.
    @Test func groupEmbeddingBoundsBoundEachGroup() throws {
        let plans = FFTPlanCache()
        for c in Self.cases() {
            let spec = c.def.spec, input = Size2D(c.input.0, c.input.1)
            let uppers = try spec.groupEmbeddingBounds(input: input, plans: plans)
            #expect(uppers.count == spec.groups)
            for g in 0..<spec.groups {
                let group = spec.singleGroup(g)
                let dense = DenseOperator.norm(DenseOperator.conv(groupDefinition(c.def, g), input: c.input.0, c.input.1))
                #expect(uppers[g] >= dense * (1 - 1e-12), "\(c.name) group \(g): \(uppers[g]) < \(dense)")
                #expect(group.groups == 1)
            }
            let whole = try spec.embeddingBound(input: input, plans: plans)
            #expect(whole.upper == uppers.max(), "\(c.name)")
            #expect(whole.groupUppers == uppers, "\(c.name)")
            // Bounds given by the caller give the figure computed with its own.
            let given = try spec.exactNorm(input: input, groupUppers: uppers)
            let own = try spec.exactNorm(input: input)
            #expect(given == own, "\(c.name)")
        }
    }

    /// Each group's strip bound (the shorter axis exact, the longer one embedded in a circulant) is above the
    /// group's dense norm, on short maps in both orientations with strides, dilations and pads on either axis;
    /// on short wide maps it is tighter than the embedding bound.
    @Test func groupStripBoundsBoundEachGroup() throws {
        let plans = FFTPlanCache()
        let cases: [(String, ConvDefinition, (Int, Int))] = [
            ("depthwise 5x5 3x40", K.randomConv(cout: 8, cin: 8, kernel: (5, 5), pads: (2, 2, 2, 2), group: 8, seed: 760), (3, 40)),
            ("depthwise 5x5 40x2", K.randomConv(cout: 8, cin: 8, kernel: (5, 5), pads: (2, 2, 2, 2), group: 8, seed: 761), (40, 2)),
            ("depthwise 3x3 stride 2x1 6x30", K.randomConv(cout: 6, cin: 6, kernel: (3, 3), strides: (2, 1), pads: (1, 1, 1, 1), group: 6, seed: 762), (6, 30)),
            ("groups 2 stride 1x3 dilation 2", K.randomConv(cout: 4, cin: 4, kernel: (3, 3), strides: (1, 3), dilations: (2, 2), pads: (2, 0, 1, 3), group: 2, seed: 763), (4, 31)),
            ("depthwise 3x5 stride 3x2 dilation 1x2", K.randomConv(cout: 5, cin: 5, kernel: (3, 5), strides: (3, 2), dilations: (1, 2), pads: (0, 3, 2, 1), group: 5, seed: 764), (25, 5)),
            ("multiplier 2 unpadded", K.randomConv(cout: 6, cin: 3, kernel: (2, 4), group: 3, seed: 765), (2, 21)),
        ]
        for (name, def, n) in cases {
            let spec = def.spec, input = Size2D(n.0, n.1)
            let strip = try #require(spec.groupStripBounds(input: input), "\(name)")
            let embedding = try spec.groupEmbeddingBounds(input: input, plans: plans)
            #expect(strip.count == spec.groups)
            var norms: [Double] = []
            for g in 0..<spec.groups {
                let dense = DenseOperator.norm(DenseOperator.conv(groupDefinition(def, g), input: n.0, n.1))
                norms.append(dense)
                #expect(strip[g] >= dense * (1 - 1e-12), "\(name) group \(g): strip \(strip[g]) < norm \(dense)")
            }
            if name.hasPrefix("depthwise 5x5") {
                let tighter = (0..<spec.groups).filter { strip[$0] < embedding[$0] }.count
                #expect(tighter == spec.groups, "\(name): strip \(strip) vs embedding \(embedding)")
                #expect(zip(strip, norms).allSatisfy { $0 <= 1.05 * $1 }, "\(name): strip \(strip) vs norms \(norms)")
            }
            try checkAgainstOracleAndEveryGroup(def, n, start: .random, name: name)
        }
        let square = K.randomConv(cout: 4, cin: 4, kernel: (3, 3), group: 4, seed: 766)
        #expect(square.spec.groupStripBounds(input: Size2D(40, 40)) == nil, "beyond the matrix limit")
    }

    /// A grouped ConvTranspose is the adjoint Conv on its output size: screened, against its dense matrix.
    @Test func groupedConvTranspose() throws {
        let cases: [(ConvDefinition, (Int, Int), (Int, Int))] = [
            (K.randomConv(cout: 6, cin: 6, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), group: 3, seed: 750), (5, 6), (1, 0)),
            (K.randomConv(cout: 8, cin: 8, kernel: (4, 4), strides: (2, 2), pads: (1, 1, 1, 1), group: 8, seed: 751), (6, 5), (0, 0)),
        ]
        for (def, n, op) in cases {
            let dense = DenseOperator.norm(DenseOperator.convTranspose(def, input: n.0, n.1, outputPadding: op))
            let (conv, size) = def.adjointConvOfTranspose(input: n, outputPadding: op)
            let options = LanczosOptions(denseLimit: 0)
            let fig = try conv.exactNorm(input: size, options: options)
            let every = try conv.exactNorm(input: size, options: options, start: .random, groupUppers: nil, screen: false)
            #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(def): \(fig.value) vs \(dense)")
            #expect(fig.value.bitPattern == every.value.bitPattern && fig.lower.bitPattern == every.lower.bitPattern, "\(def)")
        }
    }

    @Test func screenOrderAndExclusion() {
        #expect(GroupScreen.order([1, 3, 2, 3]) == [1, 3, 2, 0])
        #expect(GroupScreen.order([1, .nan, 2]) == [1, 2, 0])
        #expect(GroupScreen.excludes(upper: 1, lower: 2))
        #expect(!GroupScreen.excludes(upper: 2, lower: 2), "equal values are never excluded")
        #expect(!GroupScreen.excludes(upper: 2 * (1 - 1e-12), lower: 2), "inside the rounding margin")
        #expect(!GroupScreen.excludes(upper: .nan, lower: 2))
        #expect(!GroupScreen.excludes(upper: .infinity, lower: 2))
        #expect(!GroupScreen.excludes(upper: 1, lower: .nan))
        #expect(!GroupScreen.excludes(upper: -1, lower: 2))
    }

    /// The screened figure against the dense norm (within the tolerance; `value` and `lower` never above
    /// it) and against the run over every group (the same bits for `value` and `lower`, no more steps), on
    /// the Krylov path (`denseLimit: 0`) and the default one.
    private func checkAgainstOracleAndEveryGroup(_ def: ConvDefinition, _ n: (Int, Int), start: ExactStart, name: String) throws {
        let dense = DenseOperator.norm(DenseOperator.conv(def, input: n.0, n.1))
        let spec = def.spec, input = Size2D(n.0, n.1)
        for denseLimit in [0, 96] {
            let options = LanczosOptions(tolerance: 1e-6, denseLimit: denseLimit)
            let fig = try spec.exactNorm(input: input, options: options, start: start)
            let every = try spec.exactNorm(input: input, options: options, start: start, groupUppers: nil, screen: false)
            #expect(fig.converged, "\(name)")
            #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(name): \(fig.value) vs \(dense)")
            #expect(fig.value <= dense * (1 + 1e-12) && fig.lower <= dense * (1 + 1e-12), "\(name): above \(dense)")
            #expect(fig.value.bitPattern == every.value.bitPattern, "\(name): \(fig.value) vs every group's \(every.value)")
            #expect(fig.lower.bitPattern == every.lower.bitPattern, "\(name): lower \(fig.lower) vs \(every.lower)")
            #expect(fig.iterations <= every.iterations, "\(name)")
        }
    }

    /// Group `g` of `def` as a Conv definition of its own (for the dense oracle).
    private func groupDefinition(_ def: ConvDefinition, _ g: Int) -> ConvDefinition {
        let per = def.weight.count / def.group
        let (co, ci, kh, kw) = def.weightShape
        return ConvDefinition(
            weight: Array(def.weight[(g * per)..<((g + 1) * per)]), weightShape: (co / def.group, ci, kh, kw),
            strides: def.strides, dilations: def.dilations, pads: def.pads, group: 1)
    }
}
