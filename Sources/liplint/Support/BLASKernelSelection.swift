import Foundation
import SpectralKit

/// Makes OpenBLAS use the kernels that match the CPU (`BLASKernel`). OpenBLAS chooses its kernels when the
/// library initialises, before `main`, so the only portable lever (for the dynamically and the statically
/// linked executable alike) is to re-execute `/proc/self/exe` with `OPENBLAS_CORETYPE` set. Happens at most
/// once: never when the user (or the environment) set `OPENBLAS_CORETYPE`, never when the build is not
/// `DYNAMIC_ARCH`, never when OpenBLAS's own choice is already the best the CPU supports.
enum BLASKernelSelection {
    /// Set in the re-executed process, so `--version` can say who chose the kernel.
    static let markerVariable = "LIPLINT_BLAS_CORETYPE_SET"

    /// Re-executes the process with a better `OPENBLAS_CORETYPE` when `BLASKernel.upgrade` names one; returns
    /// when nothing is to be done or `execv` fails (the run then continues with OpenBLAS's choice).
    static func upgradeIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        let detected = BLASKernel.coreName
        // The CPU's flags are read only when some kernel set could still be better than OpenBLAS's choice.
        guard environment["OPENBLAS_CORETYPE"] == nil, BLASKernel.isDynamic, BLASKernel.canUpgrade(detected: detected),
              let flags = cpuFlags(), let core = BLASKernel.upgrade(detected: detected, flags: flags)
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv(markerVariable, "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when execv failed: undo, and run with the kernels already loaded.
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv(markerVariable)
    }

    /// The CPU feature flags of the first processor in `/proc/cpuinfo`; `nil` where there is none (not Linux).
    /// Reads line by line up to the first `flags` line, not the whole file (which grows with the core count).
    static func cpuFlags() -> Set<String>? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while getline(&buffer, &capacity, file) > 0, let bytes = buffer {
            let line = String(cString: bytes)
            guard line.hasPrefix("flags"), let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace).map(String.init))
        }
        return nil
    }

    /// `--version`'s description of the kernel in use and who chose it.
    static var description: String {
        let core = BLASKernel.coreName
        if ProcessInfo.processInfo.environment[markerVariable] != nil {
            return "kernel \(core), chosen by liplint from the CPU's features"
        }
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil { return "kernel \(core) from OPENBLAS_CORETYPE" }
        return "kernel \(core)"
    }
}
