#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Fixes two of glibc's malloc thresholds at startup (a threshold the user sets through `GLIBC_TUNABLES` wins):
///
/// - **mmap threshold 4 MB**: by default glibc raises it up to 32 MB as large blocks are freed, after which
///   such blocks come from its heaps and stay resident once freed: with layers of different sizes analysed in
///   turn, peak RSS on ResNet-50 was 330–386 MB (`--bounds fast`), 424 MB (default check) and 530 MB
///   (`--bounds standard`), against 335, 344 and 341 MB with a fixed 4 MB threshold (docs/benchmarks.md,
///   "Memory"). Blocks of 4 MB and more are mapped and unmapped on their own.
/// - **trim threshold 64 MB**: fixing the mmap threshold also freezes the trim threshold at its 128 KB
///   default, so every free that leaves more than 128 KB at the top of a heap (the main one or a worker
///   thread's) hands those pages back to the kernel, and the next block below 4 MB faults them in again, zeroed.
///   The per-tap and per-frequency buffers of the size-independent figures (0.1–4 MB each) did this thousands
///   of times per layer. With 64 MB, freed blocks below the mmap threshold are reused in place: system time of
///   `--bounds fast` on ResNet-50 fell by about a third at the same peak RSS (measured in the fastnorms report
///   for issue 13). Blocks of 4 MB and more are unaffected (still unmapped when freed).
///
/// Other C libraries: nothing to do.
enum MallocTuning {
    /// Blocks of at least this many bytes are mapped and unmapped on their own.
    static let mmapThreshold: Int32 = 4 << 20

    /// Free memory at the top of a heap is returned to the system only beyond this many bytes.
    static let trimThreshold: Int32 = 64 << 20

    /// glibc's `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` (`malloc.h`, which the Glibc module does not import).
    private static let trimThresholdParameter: Int32 = -1
    private static let mmapThresholdParameter: Int32 = -3

    static func apply() {
        #if canImport(Glibc)
        let tunables = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? ""
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        if !tunables.contains("mmap_threshold") { _ = mallopt(mmapThresholdParameter, mmapThreshold) }
        if !tunables.contains("trim_threshold") { _ = mallopt(trimThresholdParameter, trimThreshold) }
        #endif
    }
}
