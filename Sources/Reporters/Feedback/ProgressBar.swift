/// The one-line progress bar `liplint` redraws on a terminal's standard error: a pure function of the counts.
public enum ProgressBar {
    /// Cells of the bar between the brackets.
    public static let cells = 24

    /// `liplint: [#########...............] 120/450 layers, 1/3 models` (no newline, no control characters).
    public static func line(_ counts: ProgressCounts) -> String {
        let filled = counts.layersTotal > 0 ? min(cells, cells * counts.layersDone / counts.layersTotal) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled)
        let models = counts.modelsTotal == 1 ? "model" : "models"
        return "liplint: [\(bar)] \(counts.layersDone)/\(counts.layersTotal) layers, "
            + "\(counts.modelsDone)/\(counts.modelsTotal) \(models)"
    }

    /// What redraws the bar in place: carriage return, the line, erase to the end of the line.
    public static func redraw(_ counts: ProgressCounts) -> String { "\r" + line(counts) + clearToEnd }

    /// What removes the bar, leaving the cursor at the start of the empty line.
    public static let clear = "\r" + clearToEnd

    private static let clearToEnd = "\u{1B}[K"
}
