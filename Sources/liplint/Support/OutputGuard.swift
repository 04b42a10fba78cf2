import Analysis
import LintCore
import ONNXModel

/// Refuses an output file that is one of the command's inputs (compared by device and inode, so `./m.onnx`,
/// an absolute path and links all count): `check --output m.onnx m.onnx` must not replace the model with its
/// report. liplint never writes to a model, configuration or baseline it reads.
enum OutputGuard {
    /// - Throws: `CLIFailure.usage` naming the input when `output` is the same file as one of `inputs`.
    static func refuseOverwriting(_ output: String, inputs: [String], writing what: String) throws {
        guard output != "-", FileKind(path: output) == .regular, let target = FileIdentity(path: output) else { return }
        for input in inputs where FileIdentity(path: input) == target {
            let same = input == output ? "" : " (the same file as \(input))"
            throw CLIFailure.usage(DisplayText.escaped(
                "\(output): refusing to write the \(what) over an input of this run\(same); choose another file"))
        }
    }
}
