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

/// A spectrum of some frequency columns only (what `SymbolSampler.extremeSingularValues` holds for large
/// symbols) has the same values, bit for bit, as the whole spectrum, whatever the slab size.
@Suite struct KernelSpectrumColumnsTests {
    @Test(arguments: [40, 1 << 22])
    func partialSpectrumEqualsTheWholeOne(limit: Int) {
        var rng = SeededGenerator(seed: 1414)
        let plans = FFTPlanCache()
        for (co, ci, k, grid) in [(7, 5, Size2D(3, 3), Size2D(5, 6)), (5, 7, Size2D(2, 2), Size2D(8, 8)), (3, 4, Size2D(3, 3), Size2D(4, 9))] {
            let kernel = StrideOneKernel(outChannels: co, inChannels: ci, size: k, values: rng.normals(co * ci * k.product))
            let whole = KernelSpectrum(kernel: kernel, grid: grid, plans: plans)
            for columns in [0..<1, 1..<3, (whole.halfWidth - 1)..<whole.halfWidth] {
                let part = KernelSpectrum(kernel: kernel, grid: grid, plans: plans, slabInputDoubles: limit, columns: columns)
                #expect(part.columns == columns)
                for u in 0..<grid.h {
                    for v in columns {
                        #expect(part.matrix(u: u, v: v) == whole.matrix(u: u, v: v), "\(co)x\(ci) grid \(grid) (\(u), \(v))")
                    }
                }
            }
        }
    }
}
