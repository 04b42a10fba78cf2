import SpectralKit
import Testing
import TestSupport

/// Checks a `KernelSpectrum` against the brute-force 2-D DFT of every channel pair's taps, at every grid
/// point, to 1e-12.
enum KernelSpectrumOracle {
    static func expectIsDFTOfEveryPair(
        _ spectrum: KernelSpectrum, of kernel: StrideOneKernel, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (co, ci, k, grid) = (kernel.outChannels, kernel.inChannels, kernel.size, spectrum.grid)
        for o in 0..<co {
            for i in 0..<ci {
                let taps = (0..<k.product).map { kernel.values[(o * ci + i) * k.product + $0] }
                let ref = BruteForceDFT.transform(real: taps, rows: k.h, cols: k.w, grid: grid.h, grid.w)
                for u in 0..<grid.h {
                    for v in 0..<grid.w {
                        let m = spectrum.matrix(u: u, v: v)
                        let p = 2 * (o * ci + i), r = 2 * (u * grid.w + v)
                        #expect(abs(m[p] - ref[r]) < 1e-12 && abs(m[p + 1] - ref[r + 1]) < 1e-12,
                                "\(label): \(k) on \(grid) at \(u),\(v), pair \(o),\(i)", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }
}
