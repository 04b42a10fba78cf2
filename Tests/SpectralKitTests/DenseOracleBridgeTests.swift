import Foundation
import SpectralKit
import Testing
import TestSupport

/// Translation from the oracle's ONNX-style `ConvDefinition` to SpectralKit's `ConvolutionSpec`, plus the
/// shared case list of the oracle suites.
extension ConvDefinition {
    /// The Conv as a SpectralKit spec (same weight layout: ONNX Conv).
    var spec: ConvolutionSpec {
        ConvolutionSpec(
            weight: weight, outChannels: weightShape.0, inChannelsPerGroup: weightShape.1,
            kernel: Size2D(weightShape.2, weightShape.3), stride: Size2D(strides.0, strides.1),
            dilation: Size2D(dilations.0, dilations.1),
            pads: Padding(top: pads.0, left: pads.1, bottom: pads.2, right: pads.3), groups: group)
    }
}

extension ConvDefinition {
    /// This definition read as a `ConvTranspose` (weight `(C, M/g, kh, kw)`, `C = cout`) on an `n1 × n2` input:
    /// the adjoint `Conv` (same weight, outChannels `C`, inChannelsPerGroup `M/g`) and the ConvTranspose's output
    /// size, on which that Conv acts.
    func adjointConvOfTranspose(input n: (Int, Int), outputPadding op: (Int, Int)) -> (spec: ConvolutionSpec, input: Size2D) {
        let (C, Mg, kh, kw) = weightShape
        let o1 = strides.0 * (n.0 - 1) + op.0 + (kh - 1) * dilations.0 + 1 - pads.0 - pads.2
        let o2 = strides.1 * (n.1 - 1) + op.1 + (kw - 1) * dilations.1 + 1 - pads.1 - pads.3
        let conv = ConvolutionSpec(
            weight: weight, outChannels: C, inChannelsPerGroup: Mg, kernel: Size2D(kh, kw),
            stride: Size2D(strides.0, strides.1), dilation: Size2D(dilations.0, dilations.1),
            pads: Padding(top: pads.0, left: pads.1, bottom: pads.2, right: pads.3), groups: group)
        return (conv, Size2D(o1, o2))
    }
}

/// Whether the large randomized sweeps run (`LIPLINT_HEAVY_TESTS=1`, used by `make test` in release mode).
let heavyTests = ProcessInfo.processInfo.environment["LIPLINT_HEAVY_TESTS"] == "1"

/// A random Conv geometry for the randomized sweeps — kernel, stride (1–3), dilation (1–2), groups (1–2),
/// 1–3 channels per group, pads (0–3), input size — drawn from `rng` in a fixed order, weights from `seed`.
func randomSweepCase(
    _ rng: inout SeededGenerator, seed: UInt64, kernelWidths: ClosedRange<Int> = 1...5, sizes: ClosedRange<Int> = 6...18
) -> (def: ConvDefinition, input: (Int, Int)) {
    let k = (Int.random(in: 1...5, using: &rng), Int.random(in: kernelWidths, using: &rng))
    let s = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
    let d = (Int.random(in: 1...2, using: &rng), Int.random(in: 1...2, using: &rng))
    let g = [1, 2][Int.random(in: 0...1, using: &rng)]
    let cin = g * Int.random(in: 1...3, using: &rng), cout = g * Int.random(in: 1...3, using: &rng)
    let p = (Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng), Int.random(in: 0...3, using: &rng))
    let n = (Int.random(in: sizes, using: &rng), Int.random(in: sizes, using: &rng))
    let def = DenseOperatorKernels.randomConv(cout: cout, cin: cin, kernel: k, strides: s, dilations: d, pads: p, group: g, seed: seed)
    return (def, n)
}

/// A named oracle case: a Conv definition and an input size.
struct OracleCase: CustomStringConvertible, Sendable {
    let name: String
    let def: ConvDefinition
    let input: (Int, Int)
    var description: String { "\(name) \(def) at \(input.0)x\(input.1)" }
}

/// The structural cases every oracle suite covers (small enough for debug builds).
func oracleCases(seed: UInt64 = 1) -> [OracleCase] {
    typealias K = DenseOperatorKernels
    var s = seed
    func next() -> UInt64 { s &+= 1; return s }
    return [
        OracleCase(name: "3x3 same", def: K.randomConv(cout: 3, cin: 2, kernel: (3, 3), pads: (1, 1, 1, 1), seed: next()), input: (6, 5)),
        OracleCase(name: "3x3 valid", def: K.randomConv(cout: 2, cin: 3, kernel: (3, 3), seed: next()), input: (7, 6)),
        OracleCase(name: "2x2 even asym pads", def: K.randomConv(cout: 2, cin: 2, kernel: (2, 2), pads: (0, 1, 1, 0), seed: next()), input: (5, 6)),
        OracleCase(name: "4x3 asym pads", def: K.randomConv(cout: 2, cin: 2, kernel: (4, 3), pads: (2, 0, 1, 2), seed: next()), input: (6, 5)),
        OracleCase(name: "1x1", def: K.randomConv(cout: 4, cin: 3, kernel: (1, 1), seed: next()), input: (4, 5)),
        OracleCase(name: "1x1 stride 2 pads", def: K.randomConv(cout: 2, cin: 3, kernel: (1, 1), strides: (2, 3), pads: (1, 2, 0, 1), seed: next()), input: (5, 7)),
        OracleCase(name: "1x1 groups 2 dilation", def: K.randomConv(cout: 4, cin: 2, kernel: (1, 1), dilations: (2, 2), pads: (1, 1, 1, 1), group: 2, seed: next()), input: (4, 3)),
        OracleCase(name: "1x1 stride 2", def: K.randomConv(cout: 3, cin: 2, kernel: (1, 1), strides: (2, 2), seed: next()), input: (6, 7)),
        OracleCase(name: "3x3 stride 2 same", def: K.randomConv(cout: 3, cin: 2, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), seed: next()), input: (8, 7)),
        OracleCase(name: "3x3 stride 3", def: K.randomConv(cout: 2, cin: 2, kernel: (3, 3), strides: (3, 3), pads: (1, 0, 1, 2), seed: next()), input: (9, 8)),
        OracleCase(name: "3x3 stride 2x1", def: K.randomConv(cout: 2, cin: 3, kernel: (3, 3), strides: (2, 1), pads: (1, 1, 1, 1), seed: next()), input: (8, 6)),
        OracleCase(name: "4x4 stride 2 even", def: K.randomConv(cout: 2, cin: 2, kernel: (4, 4), strides: (2, 2), pads: (1, 1, 1, 1), seed: next()), input: (8, 8)),
        OracleCase(name: "dilation 2", def: K.randomConv(cout: 2, cin: 2, kernel: (3, 3), dilations: (2, 2), pads: (2, 2, 2, 2), seed: next()), input: (7, 6)),
        OracleCase(name: "dilation 2 stride 2", def: K.randomConv(cout: 2, cin: 2, kernel: (3, 3), strides: (2, 2), dilations: (2, 2), pads: (2, 1, 2, 1), seed: next()), input: (9, 8)),
        OracleCase(name: "dilation 2x1 stride 1x2", def: K.randomConv(cout: 2, cin: 2, kernel: (2, 3), strides: (1, 2), dilations: (2, 1), pads: (1, 1, 0, 1), seed: next()), input: (6, 7)),
        OracleCase(name: "groups 2", def: K.randomConv(cout: 4, cin: 4, kernel: (3, 3), pads: (1, 1, 1, 1), group: 2, seed: next()), input: (5, 6)),
        OracleCase(name: "depthwise", def: K.randomConv(cout: 3, cin: 3, kernel: (3, 3), pads: (1, 1, 1, 1), group: 3, seed: next()), input: (6, 6)),
        OracleCase(name: "depthwise stride 2", def: K.randomConv(cout: 4, cin: 4, kernel: (3, 3), strides: (2, 2), pads: (0, 1, 1, 0), group: 4, seed: next()), input: (7, 8)),
        OracleCase(name: "5x5 big pads", def: K.randomConv(cout: 1, cin: 2, kernel: (5, 5), pads: (3, 4, 2, 5), seed: next()), input: (4, 3)),
        OracleCase(name: "kernel = input", def: K.randomConv(cout: 2, cin: 1, kernel: (4, 4), seed: next()), input: (4, 4)),
        OracleCase(name: "wide cout", def: K.randomConv(cout: 6, cin: 1, kernel: (2, 2), strides: (2, 2), seed: next()), input: (6, 6)),
    ]
}

@Suite struct DenseOracleBridgeTests {
    @Test func specKeepsOutputSizeOfTheDefinition() {
        for c in oracleCases() {
            let o = c.def.convOutputSize(c.input.0, c.input.1)!
            #expect(c.def.spec.outputSize(forInput: Size2D(c.input.0, c.input.1)) == Size2D(o.0, o.1), "\(c)")
        }
    }
}
