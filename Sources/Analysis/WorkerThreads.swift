import Dispatch
import Foundation

/// Runs `body(0..<count)` on `count` threads at once — the calling thread and `count − 1` new plain threads —
/// and returns when all have finished.
///
/// Unlike `DispatchQueue.concurrentPerform`, the workers are not inside a dispatch "apply", so a
/// `concurrentPerform` that `body` calls runs on several threads instead of being serialized as nested.
enum WorkerThreads {
    static func run(count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // The threads reach `body` through the box, which lets go of it before this scope ends (a thread
            // object may outlive its block's run; `body` must not).
            let box = BodyBox(body)
            let done = DispatchGroup()
            for w in 1..<count {
                done.enter()
                Thread {
                    box.run(w)
                    done.leave()
                }.start()
            }
            box.run(0)
            done.wait()
            box.clear()
        }
    }

    /// Holds the body while the workers run.
    private final class BodyBox: @unchecked Sendable {
        // Safe: set before the threads start, read by them, cleared after all have signalled completion.
        private var body: (@Sendable (Int) -> Void)?
        init(_ body: @escaping @Sendable (Int) -> Void) { self.body = body }
        func run(_ w: Int) { body!(w) }
        func clear() { body = nil }
    }
}
