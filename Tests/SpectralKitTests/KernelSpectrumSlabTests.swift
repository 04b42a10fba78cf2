import Testing
import TestSupport
@testable import SpectralKit

/// `KernelSpectrum` transforms the channel pairs a slab at a time (to hold only the result in full): every
/// slab size, with and without a shorter last slab, gives the 2-D DFT of every pair (brute-force oracle).
@Suite struct KernelSpectrumSlabTests {
    @Test(arguments: [1, 40, 100, 1 << 22])
    func slabsGiveTheDFTOfEveryPair(limit: Int) {
        var rng = SeededGenerator(seed: 1313)
        let plans = FFTPlanCache()
        // 35 channel pairs: the small limits make slabs of 4 or 8 with a shorter last slab; the largest, one.
        for (co, ci, k, grid) in [(7, 5, Size2D(3, 3), Size2D(5, 6)), (5, 7, Size2D(2, 4), Size2D(4, 3))] {
            let kernel = StrideOneKernel(outChannels: co, inChannels: ci, size: k, values: rng.normals(co * ci * k.product))
            let spectrum = KernelSpectrum(kernel: kernel, grid: grid, plans: plans, slabInputDoubles: limit)
            let slab = KernelSpectrum.slab(pairs: co * ci, rowDoubles: min(k.h, grid.h) * grid.w, limit: limit)
            #expect(slab == co * ci || slab % FFTPlan.slabAlignment == 0)
            for o in 0..<co {
                for i in 0..<ci {
                    let taps = (0..<k.product).map { kernel.values[(o * ci + i) * k.product + $0] }
                    let ref = BruteForceDFT.transform(real: taps, rows: k.h, cols: k.w, grid: grid.h, grid.w)
                    for u in 0..<grid.h {
                        for v in 0..<grid.w {
                            let m = spectrum.matrix(u: u, v: v)
                            let p = 2 * (o * ci + i), r = 2 * (u * grid.w + v)
                            #expect(abs(m[p] - ref[r]) < 1e-12 && abs(m[p + 1] - ref[r + 1]) < 1e-12,
                                    "slab \(slab), \(k) on \(grid) at \(u),\(v), pair \(o),\(i)")
                        }
                    }
                }
            }
        }
    }

    @Test func slabSizes() {
        #expect(KernelSpectrum.slab(pairs: 100, rowDoubles: 10, limit: 1000) == 100)
        #expect(KernelSpectrum.slab(pairs: 100, rowDoubles: 10, limit: 999) == 96)
        #expect(KernelSpectrum.slab(pairs: 100, rowDoubles: 10, limit: 5) == FFTPlan.slabAlignment)
    }
}
