import Analysis
import Foundation
import LintCore
import ONNXModel
import Reporters

/// Writes a run's feedback on standard error: the progress bar (only on a terminal, never with `--quiet`),
/// `--verbose` lines, and warnings (each once, never with `--quiet`). Standard output is never touched.
/// `observe` is called from worker threads; everything is serialized by a lock.
final class StandardErrorFeedback: @unchecked Sendable {
    // Safe: every stored var is only touched under `lock`.
    private let lock = NSLock()
    private let options: FeedbackOptions
    private let showsProgress: Bool
    private var counts = ProgressCounts()
    private var barShown = false
    private var lastDraw: ContinuousClock.Instant?
    private var warned: Set<String> = []
    /// Shortest time between two redraws of the bar.
    private static let redrawInterval = Duration.milliseconds(100)

    init(options: FeedbackOptions) {
        self.options = options
        showsProgress = !options.quiet && isatty(STDERR_FILENO) != 0
    }

    /// The observer to hand to the analysis.
    var observer: AnalysisObserver { { [self] event in observe(event) } }

    func observe(_ event: AnalysisEvent) {
        lock.lock()
        defer { lock.unlock() }
        if options.verbose, let line = FeedbackText.verbose(event) {
            writeLine(line)
        } else if !options.quiet, let line = FeedbackText.warning(event), warned.insert(line).inserted {
            writeLine(line)
        }
        guard showsProgress, counts.apply(event) else { return }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < Self.redrawInterval, counts.layersDone < counts.layersTotal { return }
        lastDraw = now
        barShown = true
        write(ProgressBar.redraw(counts))
    }

    /// Removes the bar (before the report is printed).
    func finishProgress() {
        lock.lock()
        defer { lock.unlock() }
        if barShown { write(ProgressBar.clear) }
        barShown = false
    }

    /// With `--verbose`: the time of a stage of the whole run (`report`).
    func stage(_ name: String, since start: ContinuousClock.Instant) {
        guard options.verbose else { return }
        let seconds = (ContinuousClock.now - start).seconds
        lock.lock()
        defer { lock.unlock() }
        writeLine(FeedbackText.stageLine(nil, name, seconds))
    }

    /// A whole line, clearing the bar first and redrawing it after.
    private func writeLine(_ line: String) {
        if barShown { write(ProgressBar.clear) }
        write(DisplayText.escaped(line) + "\n")  // model paths and cache reasons come from files
        if barShown { write(ProgressBar.redraw(counts)) }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
