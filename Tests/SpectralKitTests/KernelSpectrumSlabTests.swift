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
        // 35 channel pairs: the small limits make slabs of 4 to 16 pairs with a shorter last slab; the largest, one slab.
        for (co, ci, k, grid) in [(7, 5, Size2D(3, 3), Size2D(5, 6)), (5, 7, Size2D(2, 4), Size2D(4, 3))] {
            let kernel = StrideOneKernel(outChannels: co, inChannels: ci, size: k, values: rng.normals(co * ci * k.product))
            let spectrum = KernelSpectrum(kernel: kernel, grid: grid, plans: plans, slabInputDoubles: limit)
            let slab = KernelSpectrum.slab(pairs: co * ci, rowDoubles: min(k.h, grid.h) * grid.w, limit: limit)
            #expect(slab == co * ci || slab % FFTPlan.slabAlignment == 0)
            KernelSpectrumOracle.expectIsDFTOfEveryPair(spectrum, of: kernel, "slab \(slab)")
        }
    }

    @Test func slabSizes() {
        #expect(KernelSpectrum.slab(pairs: 100, rowDoubles: 10, limit: 1000) == 100)
        #expect(KernelSpectrum.slab(pairs: 100, rowDoubles: 10, limit: 999) == 96)
        #expect(KernelSpectrum.slab(pairs: 100, rowDoubles: 10, limit: 5) == FFTPlan.slabAlignment)
    }
}
