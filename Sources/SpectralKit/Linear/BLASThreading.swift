internal import CLAPACK

/// Control of OpenBLAS's own thread pool. liplint parallelizes across layers and frequencies itself, and
/// OpenBLAS threads on top of that oversubscribe the cores (batched SVDs ran ~100× slower that way).
public enum BLASThreading {
    /// Makes every BLAS/LAPACK call run on the calling thread. Idempotent; affects the whole process.
    public static func useSingleThread() {
        openblas_set_num_threads(1)
    }

    /// OpenBLAS's build configuration string (for `liplint --version`).
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        return String(cString: c)
    }
}
