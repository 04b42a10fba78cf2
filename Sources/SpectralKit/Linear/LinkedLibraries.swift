internal import CFFTW
internal import CLAPACK

/// Versions of the numerical libraries this build is linked against, for `liplint --version` and bug reports.
public enum LinkedLibraries {
    /// FFTW's version string, e.g. `fftw-3.3.10-sse2-avx`.
    public static var fftw: String { String(cString: liplint_fftw_version()) }

    /// The reference LAPACK version reported by `LAPACKE_ilaver`, e.g. `3.11.0`.
    public static var lapack: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        LAPACKE_ilaver(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// OpenBLAS's build configuration string.
    public static var blas: String { BLASThreading.configuration }
}
