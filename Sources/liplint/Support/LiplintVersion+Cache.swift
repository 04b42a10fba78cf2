import Foundation
import SpectralKit

extension LiplintVersion {
    /// The identity of this build in cache keys: the version plus the size and modification time of the
    /// running executable, so that a rebuilt or reinstalled liplint (whose numerics may differ while the version
    /// string does not) never reads entries of another build. Only the version when the executable cannot be
    /// examined.
    static let cacheIdentity: String = {
        guard let executable = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
              let size = attributes[.size] as? NSNumber,
              let modified = attributes[.modificationDate] as? Date
        else { return string }
        // The BLAS kernel set too: results agree across kernels only to rounding.
        return "\(string) build \(size.int64Value) bytes \(modified.timeIntervalSince1970) \(BLASKernel.coreName)"
    }()
}
