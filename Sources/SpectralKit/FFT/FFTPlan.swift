internal import CFFTW
import Foundation

/// FFTW's planner keeps process-wide state, so creating and destroying plans must be serialized across the
/// whole process, not per cache. This lock guards nothing else (no data lives behind it); it is the one
/// global that FFTW's C design forces on us. `NSLock` is thread-safe.
let fftwPlannerLock = NSLock()

/// One FFTW plan, destroyed with the object. Executing it is thread-safe (`fftw_execute_dft*` only reads the
/// plan), so it is shared between threads once created.
///
/// `@unchecked Sendable`: the plan pointer is immutable after `init`, FFTW documents the new-array execute
/// functions as thread-safe, and destruction happens once, under the planner lock, when the last owner
/// releases it.
final class FFTPlan: @unchecked Sendable {
    enum Kind: Hashable {
        /// Batched 1-D real-to-complex transforms along the last axis of `[rows][blocks][length]`, written
        /// to `[rows][length/2+1][outputBlocks]` (frequency-major, channel pairs contiguous): the input's
        /// blocks land in the first `blocks` of `outputBlocks ≥ blocks` columns, so that a long batch can be
        /// transformed a slab of blocks at a time into one output (`executeR2C(_:_:outputOffset:)`).
        case rowsR2C(length: Int, rows: Int, blocks: Int, outputBlocks: Int)
        /// Batched 2-D real-to-complex transforms: `batch` arrays `[n1][n2]` → `[n1][n2/2+1]`, contiguous.
        case r2c2D(n1: Int, n2: Int, batch: Int)
        /// Batched 2-D complex transforms (sign −1 forward, +1 backward), contiguous.
        case c2c2D(n1: Int, n2: Int, batch: Int, sign: Int32)
    }

    let kind: Kind
    private let raw: OpaquePointer
    /// Number of doubles the input and output arrays must hold.
    let inputDoubles: Int
    let outputDoubles: Int

    init(kind: Kind) {
        self.kind = kind
        let flags = UInt32(FFTW_ESTIMATE)
        switch kind {
        case let .rowsR2C(length, rows, blocks, outputBlocks):
            let half = length / 2 + 1
            inputDoubles = rows * blocks * length
            outputDoubles = 2 * rows * half * outputBlocks
        case let .r2c2D(n1, n2, batch):
            inputDoubles = batch * n1 * n2
            outputDoubles = 2 * batch * n1 * (n2 / 2 + 1)
        case let .c2c2D(n1, n2, batch, _):
            inputDoubles = 2 * batch * n1 * n2
            outputDoubles = inputDoubles
        }
        // FFTW_ESTIMATE never touches the arrays; they only fix the alignment the plan assumes.
        let input = FFTWBuffer(doubles: inputDoubles, zeroed: false)
        let output = FFTWBuffer(doubles: outputDoubles, zeroed: false)
        fftwPlannerLock.lock()
        defer { fftwPlannerLock.unlock() }
        let plan: OpaquePointer?
        switch kind {
        case let .rowsR2C(length, rows, blocks, outputBlocks):
            let half = length / 2 + 1
            var dims = [fftw_iodim(n: Int32(length), is: 1, os: Int32(outputBlocks))]
            var loops = [
                fftw_iodim(n: Int32(rows), is: Int32(blocks * length), os: Int32(half * outputBlocks)),
                fftw_iodim(n: Int32(blocks), is: Int32(length), os: 1),
            ]
            plan = fftw_plan_guru_dft_r2c(1, &dims, 2, &loops, input.doubles, output.complex, flags)
        case let .r2c2D(n1, n2, batch):
            var n = [Int32(n1), Int32(n2)]
            plan = fftw_plan_many_dft_r2c(
                2, &n, Int32(batch), input.doubles, nil, 1, Int32(n1 * n2), output.complex, nil, 1,
                Int32(n1 * (n2 / 2 + 1)), flags)
        case let .c2c2D(n1, n2, batch, sign):
            var n = [Int32(n1), Int32(n2)]
            plan = fftw_plan_many_dft(
                2, &n, Int32(batch), input.complex, nil, 1, Int32(n1 * n2), output.complex, nil, 1,
                Int32(n1 * n2), sign, flags)
        }
        guard let plan else { fatalError("FFTW could not create a plan for \(kind)") }
        raw = plan
    }

    deinit {
        fftwPlannerLock.lock()
        fftw_destroy_plan(raw)
        fftwPlannerLock.unlock()
    }

    /// Executes a real-to-complex plan on new arrays (allocated by `FFTWBuffer`, sized as the plan says).
    func executeR2C(_ input: FFTWBuffer, _ output: FFTWBuffer) {
        precondition(input.count >= inputDoubles && output.count >= outputDoubles)
        fftw_execute_dft_r2c(raw, input.doubles, output.complex)
    }

    /// Executes a `rowsR2C` plan writing its blocks to the output columns from `outputOffset` on. The offset
    /// must be a multiple of `FFTPlan.slabAlignment` (so the output keeps the alignment the plan was made for)
    /// and leave room for the plan's blocks.
    func executeR2C(_ input: FFTWBuffer, _ output: FFTWBuffer, outputOffset: Int) {
        guard case let .rowsR2C(_, _, blocks, outputBlocks) = kind else { preconditionFailure("not a rowsR2C plan") }
        precondition(outputOffset >= 0 && outputOffset % Self.slabAlignment == 0 && outputOffset + blocks <= outputBlocks)
        precondition(input.count >= inputDoubles && output.count >= outputDoubles)
        fftw_execute_dft_r2c(raw, input.doubles, output.complex + outputOffset)
    }

    /// Output columns (complex numbers, 16 bytes each) between slabs are a multiple of this: 64 bytes, the
    /// largest SIMD alignment FFTW plans for.
    static let slabAlignment = 4

    /// Executes a complex plan on new arrays (allocated by `FFTWBuffer`, sized as the plan says).
    func executeC2C(_ input: FFTWBuffer, _ output: FFTWBuffer) {
        precondition(input.count >= inputDoubles && output.count >= outputDoubles)
        fftw_execute_dft(raw, input.complex, output.complex)
    }
}
