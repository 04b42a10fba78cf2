/// Batched 2-D discrete Fourier transforms through FFTW, with the convention
/// `X[u, v] = Σ_{p,q} x[p, q] · e^{∓2πi(p·u/N1 + q·v/N2)}` (− forward, + backward; unnormalized).
///
/// Inputs of size `size` are zero-padded to the `grid`, or wrapped modulo it when larger (the DFT on the
/// grid of a longer sequence is that of its periodic aliasing). Exact up to FFTW's rounding (≈ 1e-15 relative).
public enum BatchedFFT2D {
    /// Forward real-to-complex transforms of `batch` real arrays `[size.h][size.w]` (stored contiguously).
    /// Returns `[batch][N1][N2/2 + 1]` interleaved complex values (the other half is the conjugate mirror).
    public static func realForward(
        _ data: [Double], batch: Int, size: Size2D, grid: Size2D, plans: FFTPlanCache
    ) -> [Double] {
        precondition(data.count == batch * size.product && batch > 0)
        let plan = plans.plan(.r2c2D(n1: grid.h, n2: grid.w, batch: batch))
        let input = FFTWBuffer(doubles: plan.inputDoubles)
        for b in 0..<batch {
            for p in 0..<size.h {
                for q in 0..<size.w {
                    input.doubles[(b * grid.h + p % grid.h) * grid.w + q % grid.w] += data[(b * size.h + p) * size.w + q]
                }
            }
        }
        let output = FFTWBuffer(doubles: plan.outputDoubles)
        plan.executeR2C(input, output)
        return Array(UnsafeBufferPointer(start: output.doubles, count: plan.outputDoubles))
    }

    /// Complex transforms of `batch` interleaved complex arrays `[size.h][size.w]`; returns
    /// `[batch][N1][N2]` interleaved complex values. `forward` uses `e^{−2πi…}`, else `e^{+2πi…}`.
    public static func complex(
        _ data: [Double], batch: Int, size: Size2D, grid: Size2D, forward: Bool = true, plans: FFTPlanCache
    ) -> [Double] {
        precondition(data.count == 2 * batch * size.product && batch > 0)
        let plan = plans.plan(.c2c2D(n1: grid.h, n2: grid.w, batch: batch, sign: forward ? -1 : 1))
        let input = FFTWBuffer(doubles: plan.inputDoubles)
        for b in 0..<batch {
            for p in 0..<size.h {
                for q in 0..<size.w {
                    let dst = 2 * ((b * grid.h + p % grid.h) * grid.w + q % grid.w)
                    let src = 2 * ((b * size.h + p) * size.w + q)
                    input.doubles[dst] += data[src]
                    input.doubles[dst + 1] += data[src + 1]
                }
            }
        }
        let output = FFTWBuffer(doubles: plan.outputDoubles)
        plan.executeC2C(input, output)
        return Array(UnsafeBufferPointer(start: output.doubles, count: plan.outputDoubles))
    }
}
