import Foundation

/// The spectral density `F(θ1, θ2) = Σ_{p,q} K[:, :, p, q]·e^{-i(p·θ1 + q·θ2)}` of a stride-1 kernel on an
/// arbitrary separable grid `θ1 × θ2` (not necessarily uniform), by the direct two-stage sum: first over
/// `q` for every `θ2`, then, per frequency, over the `kh` tap rows. Exact up to rounding; cost per frequency
/// `kh·cout·cin` complex multiply-adds, small beside the SVD that follows.
struct SeparableSymbol: Sendable {
    let outChannels: Int, inChannels: Int, tapRows: Int
    let theta1: [Double]
    let theta2Count: Int
    /// `[p][v][pair]` interleaved complex: `Σ_q K[pair, p, q]·e^{-iqθ2_v}`.
    private let partial: [Double]

    init(kernel: StrideOneKernel, theta1: [Double], theta2: [Double]) {
        outChannels = kernel.outChannels
        inChannels = kernel.inChannels
        tapRows = kernel.size.h
        self.theta1 = theta1
        theta2Count = theta2.count
        let pairs = outChannels * inChannels, kh = kernel.size.h, kw = kernel.size.w
        var g = [Double](repeating: 0, count: 2 * kh * theta2.count * pairs)
        for (v, t) in theta2.enumerated() {
            for q in 0..<kw {
                let c = cos(Double(q) * t), s = sin(Double(q) * t)
                for p in 0..<kh {
                    let base = 2 * ((p * theta2.count + v) * pairs)
                    for pair in 0..<pairs {
                        let k = kernel.values[(pair * kh + p) * kw + q]
                        g[base + 2 * pair] += k * c
                        g[base + 2 * pair + 1] -= k * s
                    }
                }
            }
        }
        partial = g
    }

    var frequencyCount: Int { theta1.count * theta2Count }

    /// Writes `F(θ1[u], θ2[v])` for `index = u·θ2.count + v`, row-major interleaved complex.
    func write(index: Int, into out: UnsafeMutablePointer<Double>) {
        let u = index / theta2Count, v = index % theta2Count
        let pairs = outChannels * inChannels
        out.update(repeating: 0, count: 2 * pairs)
        partial.withUnsafeBufferPointer { g in
            for p in 0..<tapRows {
                let c = cos(Double(p) * theta1[u]), s = sin(Double(p) * theta1[u])
                let src = g.baseAddress! + 2 * ((p * theta2Count + v) * pairs)
                for k in 0..<pairs {
                    let re = src[2 * k], im = src[2 * k + 1]
                    out[2 * k] += c * re + s * im
                    out[2 * k + 1] += c * im - s * re
                }
            }
        }
    }

    /// Every singular value over the grid (`frequencyCount · min(cout, cin)`), unsorted.
    func allSingularValues(threads: ThreadBudget) -> [Double] {
        let per = min(outChannels, inChannels)
        let count = frequencyCount
        let out = ScratchArray<Double>(count: count * per, zero: 0)
        let shared = out.shared
        let workers = min(threads.threads, count)
        if workers > 1 { BLASThreading.useSingleThread() }
        let pool = WorkspacePool(count: workers, rows: outChannels, cols: inChannels)
        let symbol = self
        ConcurrentLoop.forEachBatch(count: count, batch: max(1, min(64, count / (8 * workers))), threads: ThreadBudget(threads: workers)) { w, range in
            let ws = pool.workspace(w)
            for index in range {
                symbol.write(index: index, into: ws.matrix.base)
                ws.compute()
                (shared.base + index * per).update(from: ws.values.base, count: per)
            }
        }
        return Array(UnsafeBufferPointer(start: out.base, count: count * per))
    }
}
