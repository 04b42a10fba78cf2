import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// `CellInterpolation.maximum` (docs/asymptotic-certificate.md §3.2) against a brute-force maximum of the same
/// function on a fine grid of the unit square (plus the grid's own second-order slack).
@Suite struct CellInterpolationTests {
    static func phi(_ v: [Double], _ a: Double, _ b: Double, _ s: Double, _ t: Double) -> Double {
        v[0] * (1 - s) * (1 - t) + v[1] * s * (1 - t) + v[2] * (1 - s) * t + v[3] * s * t + a * s * (1 - s) + b * t * (1 - t)
    }

    @Test func boundsTheMaximumOnAFineGridAndIsTight() {
        let trials = heavyTests ? 3000 : 400
        var rng = SeededGenerator(seed: 31)
        for trial in 0..<trials {
            // Corner values near 1 with spreads from 1e-6 to 1, bulges from 0 to 1 (some zero: one-axis cells).
            let spread = pow(10, -Double.random(in: 0..<6, using: &rng))
            let v = (0..<4).map { _ in 1 + spread * Double.random(in: -1..<1, using: &rng) }
            let a = trial % 7 == 0 ? 0 : pow(10, -Double.random(in: 0..<6, using: &rng))
            let b = trial % 5 == 0 ? 0 : pow(10, -Double.random(in: 0..<6, using: &rng))
            let bound = CellInterpolation.maximum(corners: (v[0], v[1], v[2], v[3]), bulge: (a, b))
            let steps = 200
            var grid = -Double.infinity
            for i in 0...steps {
                for j in 0...steps {
                    grid = max(grid, Self.phi(v, a, b, Double(i) / Double(steps), Double(j) / Double(steps)))
                }
            }
            #expect(bound >= grid * (1 - 1e-15), "trial \(trial): \(bound) < grid max \(grid)")
            // φ's second derivatives are at most 2a + |twist| + 2b: the grid misses the maximum by ≤ that × h²/2·2.
            let twist = abs(v[0] - v[1] - v[2] + v[3])
            let slack = (2 * a + 2 * b + 2 * twist) / Double(steps * steps)
            #expect(bound <= grid + slack + 1e-15, "trial \(trial): \(bound) vs grid \(grid) + \(slack)")
            #expect(bound <= v.max()! + (a + b) / 4 + 1e-15, "trial \(trial): above the corner bound")
        }
    }
}
