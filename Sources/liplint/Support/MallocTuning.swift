#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Makes glibc hand large freed buffers back to the system at once. By default glibc raises its mmap
/// threshold up to 32 MB as large blocks are freed, after which such blocks come from its heaps and stay
/// resident once freed: with layers of different sizes analysed in turn, peak RSS on ResNet-50 was 330–386 MB
/// (`--bounds fast`), 424 MB (default check) and 530 MB (`--bounds standard`), against 335, 344 and 341 MB
/// with a fixed 4 MB threshold (docs/benchmarks.md, "Memory"), for 1–2 % more CPU time (pages of new blocks
/// are zeroed by the kernel). A threshold the user sets through `GLIBC_TUNABLES` wins. Other C libraries:
/// nothing to do.
enum MallocTuning {
    /// Blocks of at least this many bytes are mapped and unmapped on their own.
    static let mmapThreshold: Int32 = 4 << 20

    /// glibc's `M_MMAP_THRESHOLD` (`malloc.h`, which the Glibc module does not import).
    private static let mmapThresholdParameter: Int32 = -3

    static func apply() {
        #if canImport(Glibc)
        if let tunables = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"], tunables.contains("mmap_threshold") {
            return
        }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThresholdParameter, mmapThreshold)
        #endif
    }
}
