import ONNXModel
import SpectralKit

/// liplint's version, printed by `--version` and written into reports.
enum LiplintVersion {
    static let string = "0.1.0"

    /// `--version`: liplint's version and the linked libraries' versions, on one line.
    static var withLibraries: String {
        "\(string) (\(LinkedLibraries.fftw), LAPACK \(LinkedLibraries.lapack), \(LinkedLibraries.blas), "
            + "\(BLASKernelSelection.description), "
            + "protobuf-c \(ProtobufCVersion.string))"
    }
}
