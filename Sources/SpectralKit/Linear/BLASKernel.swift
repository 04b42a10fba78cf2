internal import CLAPACK

/// Which OpenBLAS kernel set (core type) runs, and the best one a CPU's instruction set supports.
///
/// Why: OpenBLAS builds with `DYNAMIC_ARCH` (Debian's) pick kernels from the CPU model they know; on a model
/// newer than the build (e.g. Intel model 207 with OpenBLAS 0.3.21) they fall back to the generic SSE
/// `Prescott` kernels, about half as fast as the AVX-512 ones (docs/benchmarks.md). The core type can only be
/// chosen before the library initialises (its constructor reads `OPENBLAS_CORETYPE`), so the executable
/// re-executes itself with that variable set when `upgrade` says so.
public enum BLASKernel {
    /// The kernel set OpenBLAS uses in this process, e.g. `SkylakeX`, `Haswell`, `Prescott`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Whether the linked OpenBLAS picks its kernels at run time (only then does `OPENBLAS_CORETYPE` work).
    public static var isDynamic: Bool { BLASThreading.configuration.contains("DYNAMIC_ARCH") }

    /// Kernel sets by capability, weakest first; names as `OPENBLAS_CORETYPE` accepts them (lower-cased).
    static let ranks: [String: Int] = [
        "prescott": 0, "katmai": 0, "coppermine": 0, "northwood": 0, "banias": 0, "atom": 0,
        "core2": 1, "penryn": 1, "dunnington": 1, "opteron": 1, "opteron_sse3": 1, "barcelona": 1, "bobcat": 1,
        "nehalem": 2, "bulldozer": 2,
        "sandybridge": 3, "piledriver": 3, "steamroller": 3, "excavator": 3,
        "haswell": 4, "zen": 4,
        "skylakex": 5, "cooperlake": 5, "sapphirerapids": 5,
    ]

    /// The strongest kernel set whose instructions are all in `flags` (the `flags` of `/proc/cpuinfo`, which
    /// the kernel lists only when the OS also saves the registers): `SkylakeX` for AVX-512 F/CD/BW/DQ/VL,
    /// `Haswell` for AVX2 and FMA, `Sandybridge` for AVX, `Nehalem` for SSE4.2; `nil` below that.
    public static func bestCoreType(flags: Set<String>) -> String? {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        if flags.contains("avx") { return "Sandybridge" }
        if flags.contains("sse4_2") { return "Nehalem" }
        return nil
    }

    /// The core type to force when OpenBLAS detected `detected` on a CPU with `flags`: the best one for the
    /// flags when it is strictly stronger than `detected`; `nil` to keep OpenBLAS's own choice (also when
    /// `detected` is not a name this table knows, so a newer OpenBLAS is never downgraded).
    public static func upgrade(detected: String, flags: Set<String>) -> String? {
        guard let best = bestCoreType(flags: flags), let have = ranks[detected.lowercased()],
              let want = ranks[best.lowercased()], want > have
        else { return nil }
        return best
    }

    /// Whether any CPU could get a stronger kernel set than `detected` from `upgrade`: `false` for the
    /// strongest sets `bestCoreType` names and for names this table does not know.
    public static func canUpgrade(detected: String) -> Bool {
        guard let have = ranks[detected.lowercased()], let top = ranks["skylakex"] else { return false }
        return have < top
    }
}
