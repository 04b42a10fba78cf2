import SpectralKit
import Testing
import TestSupport

@Suite struct ExactTests {
    @Test func exactMatchesTheDenseNormOnEveryStructuralCase() throws {
        for c in oracleCases(seed: 200) {
            let dense = DenseOperator.norm(DenseOperator.conv(c.def, input: c.input.0, c.input.1))
            let fig = try c.def.spec.exactNorm(input: Size2D(c.input.0, c.input.1))
            #expect(fig.converged, "\(c)")
            #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(c): \(fig.value) vs \(dense)")
            #expect(fig.lower <= dense * (1 + 1e-12), "\(c): lower \(fig.lower) vs \(dense)")
            #expect(fig.lower >= dense * (1 - 1e-6), "\(c): lower \(fig.lower) vs \(dense)")
        }
    }

    @Test func exactMatchesAtLargerSizesWithRestarts() throws {
        // 3·12·12 = 432 columns: several thick restarts of a 32-vector basis.
        let def = DenseOperatorKernels.randomConv(cout: 3, cin: 3, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 9)
        let dense = DenseOperator.norm(DenseOperator.conv(def, input: 12, 12))
        let fig = try def.spec.exactNorm(input: Size2D(12, 12))
        #expect(fig.converged)
        #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(fig.value) vs \(dense)")
    }

    @Test func convTransposeIsTheAdjointConvAtItsOutputSize() throws {
        typealias K = DenseOperatorKernels
        // (weight (C, M/g, kh, kw), strides, dilations, pads, groups, input, output_padding)
        let cases: [(ConvDefinition, (Int, Int), (Int, Int))] = [
            (K.randomConv(cout: 3, cin: 2, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), seed: 31), (4, 5), (1, 0)),
            (K.randomConv(cout: 2, cin: 3, kernel: (4, 4), strides: (2, 2), pads: (1, 1, 1, 1), seed: 32), (3, 4), (0, 0)),
            (K.randomConv(cout: 4, cin: 2, kernel: (3, 2), strides: (1, 2), dilations: (2, 1), pads: (0, 1, 1, 0), group: 2, seed: 33), (4, 3), (0, 1)),
        ]
        for (def, n, op) in cases {
            // Interpret the random weight (cout, cin/g, …) as ConvTranspose's (C, M/g, …): C = cout.
            let dense = DenseOperator.norm(DenseOperator.convTranspose(def, input: n.0, n.1, outputPadding: op))
            // The adjoint Conv: same weight read as Conv (outChannels = C, inChannelsPerGroup = M/g).
            let (conv, size) = def.adjointConvOfTranspose(input: n, outputPadding: op)
            #expect(conv.outputSize(forInput: size) == Size2D(n.0, n.1))
            let fig = try conv.exactNorm(input: size)
            #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(def): \(fig.value) vs \(dense)")
        }
    }

    @Test(.enabled(if: heavyTests, "the large sweep runs with LIPLINT_HEAVY_TESTS=1 (make test)")) func heavyRandomizedSweep() throws {
        var rng = SeededGenerator(seed: 4242)
        for trial in 0..<150 {
            let (def, n) = randomSweepCase(&rng, seed: UInt64(trial))
            guard def.convOutputSize(n.0, n.1) != nil else { continue }
            let dense = DenseOperator.norm(DenseOperator.conv(def, input: n.0, n.1))
            for denseLimit in [96, 0] {
                let fig = try def.spec.exactNorm(input: Size2D(n.0, n.1), options: LanczosOptions(denseLimit: denseLimit))
                #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(def) at \(n): \(fig.value) vs \(dense)")
            }
        }
    }
}

@Suite struct ExactLanczosPathTests {
    /// The same structural cases at larger sizes, forcing the Krylov path (no explicit-matrix shortcut).
    @Test func blockLanczosMatchesTheDenseNorm() throws {
        for c in oracleCases(seed: 300) {
            let n = (c.input.0 + 4, c.input.1 + 3)
            let dense = DenseOperator.norm(DenseOperator.conv(c.def, input: n.0, n.1))
            for block in [1, 2] {
                let options = LanczosOptions(basisSize: 10, threads: ThreadBudget(threads: 2), blockSize: block, denseLimit: 0)
                let fig = try c.def.spec.exactNorm(input: Size2D(n.0, n.1), options: options)
                #expect(fig.converged, "\(c)")
                // A single start vector may settle on the lower member of a near-degenerate pair; block 2 must not.
                if block == 2 {
                    #expect(abs(fig.value - dense) <= 1e-6 * dense, "\(c) at \(n): \(fig.value) vs \(dense)")
                }
                #expect(fig.value <= dense * (1 + 1e-12) && fig.lower <= dense * (1 + 1e-12), "\(c)")
            }
        }
    }

    @Test func topSingularValuesMatchTheDenseSpectrum() throws {
        let def = DenseOperatorKernels.randomConv(cout: 3, cin: 2, kernel: (3, 3), strides: (2, 1), pads: (1, 1, 1, 1), seed: 77)
        let sv = DenseOperator.singularValues(DenseOperator.conv(def, input: 14, 11))
        let top = try def.spec.topSingularValues(input: Size2D(14, 11), k: 8, options: LanczosOptions(tolerance: 1e-9, denseLimit: 0))
        #expect(top.count == 8)
        for i in 0..<8 { #expect(abs(top[i] - sv[i]) <= 1e-6 * sv[0], "σ\(i): \(top[i]) vs \(sv[i])") }
    }
}

@Suite struct ExactPointwiseTests {
    /// 1×1 kernels skip Lanczos: the norm is σ_max of the weight matrix, and the top values repeat it.
    @Test func pointwiseLayersAreExactWithoutIterations() throws {
        for c in oracleCases(seed: 800) where c.def.weightShape.2 == 1 && c.def.weightShape.3 == 1 {
            let n = Size2D(c.input.0, c.input.1)
            let sv = DenseOperator.singularValues(DenseOperator.conv(c.def, input: n.h, n.w))
            let fig = try c.def.spec.exactNorm(input: n)
            #expect(fig.iterations == 0 && fig.converged)
            #expect(abs(fig.value - sv[0]) <= 1e-12 * sv[0], "\(c)")
            let top = try c.def.spec.topSingularValues(input: n, k: 5)
            for i in 0..<min(5, sv.count) { #expect(abs(top[i] - sv[i]) <= 1e-12 * sv[0], "\(c) σ\(i)") }
        }
    }
}

@Suite struct ExactDegenerateTests {
    @Test func zeroWeightsGiveZeroEverywhere() throws {
        let spec = ConvolutionSpec(
            weight: [Double](repeating: 0, count: 4 * 4 * 9), outChannels: 4, inChannelsPerGroup: 4,
            kernel: Size2D(3, 3), pads: Padding(top: 1, left: 1, bottom: 1, right: 1))
        for n in [Size2D(3, 3), Size2D(20, 20)] {
            let fig = try spec.exactNorm(input: n)
            #expect(fig.value == 0 && fig.lower == 0 && fig.converged)
            #expect(try spec.embeddingBound(input: n, plans: FFTPlanCache()).upper == 0)
            #expect(try spec.circulantSpectrum(input: n, plans: FFTPlanCache()).max == 0)
        }
    }

    @Test func pointwiseLayerThatReadsOnlyPaddingIsZero() throws {
        // n = 1, pads 1 on both sides, stride 2: outputs read padded positions 0 and 2 only.
        let spec = ConvolutionSpec(
            weight: [1, 2, 3, 4], outChannels: 2, inChannelsPerGroup: 2, kernel: Size2D(1, 1),
            stride: Size2D(2, 2), pads: Padding(top: 1, left: 1, bottom: 1, right: 1))
        #expect(try spec.exactNorm(input: Size2D(1, 1)).value == 0)
    }

    @Test func singlePixelInputWithSamePaddingIsTheCentreTap() throws {
        let def = DenseOperatorKernels.randomConv(cout: 3, cin: 2, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 71)
        let dense = DenseOperator.norm(DenseOperator.conv(def, input: 1, 1))
        #expect(abs(try def.spec.exactNorm(input: Size2D(1, 1)).value - dense) <= 1e-12 * dense)
        #expect(try def.spec.embeddingBound(input: Size2D(1, 1), plans: FFTPlanCache()).upper >= dense * (1 - 1e-12))
    }
}
