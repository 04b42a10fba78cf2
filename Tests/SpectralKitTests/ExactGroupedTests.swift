import SpectralKit
import Testing
import TestSupport

/// The `exact` figure of a grouped convolution runs one Lanczos on the whole (block-diagonal) operator. These
/// tests hold it to the dense operator norm and to the largest group's own figure, on seeded depthwise and
/// grouped layers with many groups (where the groups' top values lie close together), with random and warm
/// starts, and check the step count it exists for.
@Suite struct ExactGroupedTests {
    typealias K = DenseOperatorKernels

    /// Seeded layers with 3–12 groups, small enough for the dense oracle in a debug build.
    static func cases() -> [(String, ConvDefinition, (Int, Int))] {
        [
            ("depthwise 12", K.randomConv(cout: 12, cin: 12, kernel: (3, 3), pads: (1, 1, 1, 1), group: 12, seed: 701), (9, 8)),
            ("depthwise 8 stride 2", K.randomConv(cout: 8, cin: 8, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), group: 8, seed: 702), (11, 10)),
            ("depthwise 6 multiplier 2 dilation 2", K.randomConv(cout: 12, cin: 6, kernel: (3, 3), dilations: (2, 2), pads: (2, 2, 2, 2), group: 6, seed: 703), (8, 9)),
            ("groups 3", K.randomConv(cout: 6, cin: 9, kernel: (3, 2), strides: (1, 2), pads: (1, 0, 1, 1), group: 3, seed: 704), (8, 9)),
            ("depthwise 10 5x5 unpadded", K.randomConv(cout: 10, cin: 10, kernel: (5, 5), group: 10, seed: 705), (10, 11)),
        ]
    }

    @Test(arguments: [ExactStart.random, ExactStart.frequency(Frequency(0.7, -1.9))])
    func wholeOperatorValueIsTheDenseNorm(start: ExactStart) throws {
        for (name, def, n) in Self.cases() {
            let dense = DenseOperator.norm(DenseOperator.conv(def, input: n.0, n.1))
            let tolerance = 1e-6
            let fig = try def.spec.exactNorm(
                input: Size2D(n.0, n.1), options: LanczosOptions(tolerance: tolerance, denseLimit: 0), start: start)
            #expect(fig.converged, "\(name)")
            #expect(fig.iterations > 0, "\(name): the Krylov path must run")
            #expect(abs(fig.value - dense) <= tolerance * dense, "\(name): \(fig.value) vs \(dense)")
            #expect(fig.lower <= dense * (1 + 1e-12), "\(name): lower \(fig.lower) vs \(dense)")
            #expect(fig.lower >= dense * (1 - tolerance), "\(name): lower \(fig.lower) vs \(dense)")
        }
    }

    /// The whole operator's value is the largest group's, each group computed alone; and one Krylov space
    /// over all groups takes fewer steps than one per group.
    @Test func wholeOperatorMatchesTheLargestGroupInFewerSteps() throws {
        for (name, def, n) in Self.cases() {
            let input = Size2D(n.0, n.1)
            let options = LanczosOptions(tolerance: 1e-6, denseLimit: 0)
            let whole = try def.spec.exactNorm(input: input, options: options)
            let groups = try (0..<def.spec.groups).map { try def.spec.singleGroup($0).exactNorm(input: input, options: options) }
            let largest = groups.map(\.value).max() ?? 0
            #expect(abs(whole.value - largest) <= 2e-6 * largest, "\(name): \(whole.value) vs \(largest)")
            let perGroupSteps = groups.reduce(0) { $0 + $1.iterations }
            #expect(whole.iterations < perGroupSteps, "\(name): \(whole.iterations) steps vs \(perGroupSteps) per group")
        }
    }
}
