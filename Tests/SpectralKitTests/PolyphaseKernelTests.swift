import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// `ConvolutionSpec.polyphaseKernel` against its definition, built from the explicitly dilated kernel:
/// `K'[o, (i·s1 + r1)·s2 + r2, p, q] = K_dil[o, i, s1·p + r1, s2·q + r2]` (0 past the dilated kernel); and
/// `CompactKernel` drops exactly the polyphase channels and tap rows no weight reaches.
@Suite struct PolyphaseKernelTests {
    static let cases: [(kernel: Size2D, stride: Size2D, dilation: Size2D, groups: Int)] = [
        (Size2D(3, 3), Size2D(2, 2), Size2D(1, 1), 1), (Size2D(1, 1), Size2D(2, 2), Size2D(1, 1), 1),
        (Size2D(3, 2), Size2D(2, 3), Size2D(2, 1), 2), (Size2D(5, 5), Size2D(4, 2), Size2D(1, 3), 1),
        (Size2D(2, 3), Size2D(1, 1), Size2D(3, 2), 3),
    ]

    @Test(arguments: Array(cases.enumerated()))
    func matchesTheDefinition(_ item: (offset: Int, element: (kernel: Size2D, stride: Size2D, dilation: Size2D, groups: Int))) {
        let c = item.element
        let spec = Oracle.randomSpec(
            seed: UInt64(300 + item.offset), out: 2 * c.groups, inPerGroup: 3, kernel: c.kernel, stride: c.stride,
            dilation: c.dilation, groups: c.groups)
        let (s, d, k) = (c.stride, c.dilation, c.kernel)
        let ke = Size2D((k.h - 1) * d.h + 1, (k.w - 1) * d.w + 1)
        let co = spec.outChannelsPerGroup, ci = spec.inChannelsPerGroup
        for g in 0..<c.groups {
            // The dilated kernel of group g, explicitly.
            var dilated = [Double](repeating: 0, count: co * ci * ke.h * ke.w)
            for o in 0..<co { for i in 0..<ci { for a in 0..<k.h { for b in 0..<k.w {
                dilated[((o * ci + i) * ke.h + a * d.h) * ke.w + b * d.w] =
                    spec.weight[(((g * co + o) * ci + i) * k.h + a) * k.w + b]
            } } } }
            let poly = spec.polyphaseKernel(group: g)
            let kp = Size2D((ke.h + s.h - 1) / s.h, (ke.w + s.w - 1) / s.w)
            #expect(poly.size == kp && poly.outChannels == co && poly.inChannels == ci * s.h * s.w)
            for o in 0..<co { for i in 0..<ci { for r1 in 0..<s.h { for r2 in 0..<s.w { for p in 0..<kp.h { for q in 0..<kp.w {
                let (y, x) = (s.h * p + r1, s.w * q + r2)
                let expected = y < ke.h && x < ke.w ? dilated[((o * ci + i) * ke.h + y) * ke.w + x] : 0
                #expect(poly[o, (i * s.h + r1) * s.w + r2, p, q] == expected)
            } } } } } }
        }
    }

    /// A 1×1 stride-2 kernel with a zero output channel compacts to the original kernel without that channel:
    /// three of the four phases and the zero channel go, nothing else.
    @Test func compactionDropsUnreachedPhasesAndZeroChannels() {
        var rng = SeededGenerator(seed: 77)
        var w = rng.normals(4 * 3)
        for i in 0..<3 { w[1 * 3 + i] = 0 }  // output channel 1 is zero
        let spec = ConvolutionSpec(
            weight: w, outChannels: 4, inChannelsPerGroup: 3, kernel: Size2D(1, 1), stride: Size2D(2, 2))
        let compact = CompactKernel.compaction(of: spec)!
        #expect(compact.steps == Size2D(1, 1))
        let k = compact.kernels[0]
        #expect(k.outChannels == 3 && k.inChannels == 3 && k.size == Size2D(1, 1))
        #expect(k.values == [0, 2, 3].flatMap { o in (0..<3).map { w[o * 3 + $0] } })
    }

    /// A 1×1 layer's compaction starts from the undilated kernel, skipping the polyphase one: the result must
    /// be what compacting the polyphase kernels gives (strides, dilation, groups, a zero input channel).
    @Test(arguments: [(Size2D(2, 2), Size2D(1, 1), 1), (Size2D(3, 1), Size2D(2, 2), 2), (Size2D(1, 1), Size2D(1, 1), 3)])
    func pointwiseCompactionEqualsThePolyphaseOne(_ c: (stride: Size2D, dilation: Size2D, groups: Int)) {
        var spec = Oracle.randomSpec(
            seed: 320 + UInt64(c.groups), out: 3 * c.groups, inPerGroup: 4, kernel: Size2D(1, 1), stride: c.stride,
            dilation: c.dilation, groups: c.groups)
        for o in 0..<spec.outChannels { spec.weight[o * 4 + 2] = 0 }  // input channel 2 of every group is zero
        let viaPolyphase = CompactKernel.compact((0..<c.groups).map { spec.polyphaseKernel(group: $0) })!
        let shortcut = CompactKernel.compaction(of: spec)!
        #expect(shortcut.steps == Size2D(1, 1))
        #expect(shortcut.kernels.count == viaPolyphase.count)
        for (a, b) in zip(shortcut.kernels, viaPolyphase) {
            #expect(a.outChannels == b.outChannels && a.inChannels == b.inChannels && a.size == b.size)
            #expect(a.values == b.values)
        }
    }

    /// The 1×1 scan (`pointwiseScan`) against the general one: each 1×1 kernel, widened to 1×2 by an all-zero
    /// second tap, goes through the multi-tap scan and is trimmed back to 1×1; both compactions must give the
    /// same kernels (seeded random groups with their own zero output and input channels).
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func pointwiseScanEqualsTheGeneralScan(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 700 + seed)
        let (groups, co, ci) = (Int(seed % 3) + 1, 5 + Int(seed), 9 - Int(seed))
        let kernels = (0..<groups).map { _ -> StrideOneKernel in
            var w = rng.normals(co * ci)
            for o in 0..<co where rng.next() % 3 == 0 { for i in 0..<ci { w[o * ci + i] = 0 } }
            for i in 0..<ci where rng.next() % 3 == 0 { for o in 0..<co { w[o * ci + i] = 0 } }
            return StrideOneKernel(outChannels: co, inChannels: ci, size: Size2D(1, 1), values: w)
        }
        let widened = kernels.map { k in
            StrideOneKernel(
                outChannels: co, inChannels: ci, size: Size2D(1, 2), values: k.values.flatMap { [$0, 0] })
        }
        let pointwise = try #require(CompactKernel.compact(kernels))
        let general = try #require(CompactKernel.compact(widened))
        #expect(pointwise.count == general.count)
        for (a, b) in zip(pointwise, general) {
            #expect(a.outChannels == b.outChannels && a.inChannels == b.inChannels && a.size == b.size)
            #expect(a.values == b.values)
        }
    }
}
