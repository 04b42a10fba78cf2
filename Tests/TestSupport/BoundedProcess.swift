#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a program with `posix_spawn` and waits for it with `wait4`, which reports the child's peak resident
/// memory: for tests that bound the time and memory of each run (Foundation's `Process` reports neither).
/// Standard input is `/dev/null`, standard output is discarded, standard error is kept.
///
/// On Linux `posix_spawn` starts the child in the parent's address space (`CLONE_VM | CLONE_VFORK`), and the
/// kernel's `exec` records that address space's high-water mark as the child's: `ru_maxrss` is then the larger
/// of the child's own peak and the *test process's* peak so far — with suites running in parallel in one test
/// process, hundreds of MB that are not the child's. `run` therefore resets the test process's high-water mark
/// to its current resident size just before spawning (`/proc/self/clear_refs`, value 5), so the reading is at
/// most the larger of the child's peak and the test process's resident size at that moment.
public enum BoundedProcess {
    public struct Result: Sendable {
        /// The exit code, or `nil` when the child was ended by a signal.
        public var exitCode: Int32?
        /// The signal that ended the child (including the `SIGKILL` sent at the deadline), or `nil`.
        public var signal: Int32?
        /// Whether the child was still running at the deadline and was killed.
        public var timedOut: Bool
        /// Wall-clock seconds from spawn to exit.
        public var seconds: Double
        /// Peak resident set size of the child, in bytes (`ru_maxrss`; on Linux at least the test process's resident
        /// size when the child was spawned, see the type's notes).
        public var peakBytes: Int
        public var stderr: String
    }

    /// Runs `executable arguments...` in `directory`, killing it after `deadline` seconds.
    public static func run(_ executable: String, _ arguments: [String], in directory: String, deadline: Double) throws
        -> Result
    {
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(UUID().uuidString).err").path
        defer { unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The working directory: run through `/bin/sh -c 'cd DIR && exec "$@"'` (portable, no chdir action).
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        resetHighWaterMark()
        let start = DispatchTime.now()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &cArgs, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            if elapsed > deadline && !timedOut {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(2_000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let signaled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        let peak = Int(usage.ru_maxrss)  // bytes on macOS
        #endif
        return Result(
            exitCode: signaled ? nil : (status >> 8) & 0xFF, signal: signaled ? status & 0x7F : nil, timedOut: timedOut,
            seconds: seconds, peakBytes: peak, stderr: err)
    }

    /// Sets this process's peak resident size to its current one (Linux ≥ 4.0; nothing elsewhere, or when the
    /// file cannot be written).
    private static func resetHighWaterMark() {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        _ = write(fd, "5", 1)
        close(fd)
        #endif
    }
}
