import Foundation
import Testing
import TestSupport
@testable import Analysis

/// The one-pass weight check (`AnalysisLimits.valueRefusal`) against the two plain scans it replaces: any
/// NaN or ±Inf (in the vector body or the scalar tail) is refused as non-finite first, then a magnitude above
/// `maxWeightMagnitude` with the same largest value in the message; anything else passes.
@Suite struct WeightValueRefusalTests {
    static func reference(_ w: [Double]) -> String? {
        guard w.allSatisfy(\.isFinite) else { return "weights contain NaN or ±Inf" }
        let largest = w.reduce(0) { max($0, abs($1)) }
        guard largest <= AnalysisLimits.maxWeightMagnitude else {
            return "a weight of magnitude \(largest) exceeds \(AnalysisLimits.maxWeightMagnitude), beyond what the numerics handle"
        }
        return nil
    }

    @Test(arguments: [5, 17, 2026])
    func agreesWithThePlainScans(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let specials: [Double] = [.nan, .infinity, -.infinity, 3e100, -7e150, 1e100, -0.0, .greatestFiniteMagnitude]
        for _ in 0..<300 {
            var w = rng.normals(Int.random(in: 0...40, using: &rng)).map { $0 * 1e3 }
            if !w.isEmpty && Bool.random(using: &rng) {
                w[Int.random(in: 0..<w.count, using: &rng)] = specials.randomElement(using: &rng)!
            }
            #expect(AnalysisLimits.valueRefusal(w) == Self.reference(w), "\(w)")
            if w.allSatisfy(\.isFinite) {
                #expect(AnalysisLimits.magnitudeRefusal(w) == Self.reference(w))
                #expect(AnalysisLimits.largestMagnitude(w).largest == w.reduce(0) { max($0, abs($1)) })
            }
        }
        #expect(AnalysisLimits.valueRefusal([]) == nil)
    }
}
