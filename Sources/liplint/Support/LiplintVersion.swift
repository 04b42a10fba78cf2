/// liplint's version, printed by `--version` and written into reports.
enum LiplintVersion {
    static let string = "0.1.0"
}
