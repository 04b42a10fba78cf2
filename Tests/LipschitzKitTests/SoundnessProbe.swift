import SpectralKit
import TestSupport

/// Empirical lower bounds on a model's Lipschitz constant from the reference evaluator: the largest ratio
/// `‖f(x) − f(y)‖/‖x − y‖` over random pairs, and the largest spectral norm of a finite-difference Jacobian.
/// Each is ≤ the true constant (up to the finite-difference error), so a certified bound must exceed both.
struct SoundnessProbe {
    let evaluator: ReferenceEvaluator
    let input: String
    let shape: [Int]
    let range: ClosedRange<Double>

    var count: Int { shape.reduce(1, *) }

    func f(_ x: [Double]) -> [Double] {
        evaluator.outputVector([input: ReferenceTensor(shape: shape, values: x)])
    }

    func randomPoint(_ rng: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in Double.random(in: range, using: &rng) }
    }

    /// Largest ratio over `pairs` random pairs; half of them close pairs (a small random step).
    func largestRatio(pairs: Int, rng: inout SeededGenerator) -> Double {
        var best = 0.0
        for k in 0..<pairs {
            let x = randomPoint(&rng)
            var y = randomPoint(&rng)
            if k % 2 == 1 {
                let step = 1e-3 * (range.upperBound - range.lowerBound)
                y = x.map { min(max($0 + step * rng.normal(), range.lowerBound), range.upperBound) }
            }
            let dx = zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            guard dx > 0 else { continue }
            let fx = f(x), fy = f(y)
            let df = zip(fx, fy).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            best = max(best, df / dx)
        }
        return best
    }

    /// Largest spectral norm of the central-difference Jacobian at `points` random points.
    func largestJacobianNorm(points: Int, rng: inout SeededGenerator) -> Double {
        var best = 0.0
        let h = 1e-6
        for _ in 0..<points {
            let x = randomPoint(&rng)
            var columns: [[Double]] = []
            for j in 0..<count {
                var plus = x, minus = x
                plus[j] += h
                minus[j] -= h
                columns.append(zip(f(plus), f(minus)).map { ($0 - $1) / (2 * h) })
            }
            let rows = columns[0].count
            var matrix = [Double](repeating: 0, count: rows * count)
            for (j, column) in columns.enumerated() { for i in 0..<rows { matrix[i * count + j] = column[i] } }
            best = max(best, DenseSVD.singularValues(real: matrix, rows: rows, cols: count).first ?? 0)
        }
        return best
    }
}
