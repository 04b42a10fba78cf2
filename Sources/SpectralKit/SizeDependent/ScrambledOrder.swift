/// A fixed permutation of `0..<count` that scatters neighbouring indices (`i ↦ i·step mod count` with `step`
/// coprime to `count`, near the golden section), so that a scan over a smooth function of the index meets
/// new extremes about as rarely as a random order would. Deterministic.
struct ScrambledOrder: Sendable {
    let count: Int
    let step: Int

    init(count: Int) {
        self.count = count
        var s = Swift.max(1, Int((Double(count) * 0.618_033_988_75).rounded()))
        while Self.gcd(s, count) != 1 { s += 1 }
        step = count <= 1 ? 1 : s % count == 0 ? 1 : s
    }

    subscript(position: Int) -> Int { position * step % count }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
