internal import CFFTW

/// Doubles allocated by `fftw_malloc`, so every buffer has the SIMD alignment FFTW's plans were made for
/// (plans are created on one such buffer and executed on others with the new-array interface, which
/// requires equal alignment). Zero-initialized; freed with the object.
final class FFTWBuffer {
    let doubles: UnsafeMutablePointer<Double>
    let count: Int

    convenience init(doubles count: Int) {
        self.init(doubles: count, zeroed: true)
    }

    /// `zeroed: false` leaves the memory untouched (never read: for FFTW's planner with `FFTW_ESTIMATE`,
    /// which looks only at the alignment), so that planning costs no page faults and no resident memory.
    init(doubles count: Int, zeroed: Bool) {
        let bytes = MemoryLayout<Double>.stride * max(count, 2)
        guard let raw = fftw_malloc(bytes) else { fatalError("fftw_malloc(\(bytes)) failed: out of memory") }
        doubles = raw.bindMemory(to: Double.self, capacity: max(count, 2))
        if zeroed { doubles.initialize(repeating: 0, count: max(count, 2)) }
        self.count = count
    }

    deinit {
        fftw_free(doubles)
    }

    /// The same memory seen as interleaved complex numbers (`fftw_complex` is `double[2]`).
    var complex: UnsafeMutablePointer<fftw_complex> {
        UnsafeMutableRawPointer(doubles).assumingMemoryBound(to: fftw_complex.self)
    }
}
