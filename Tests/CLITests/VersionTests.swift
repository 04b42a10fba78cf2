import Foundation
import Testing
import TestSupport

@Suite struct VersionTests {
    /// `--version` names liplint's version and the linked FFTW, LAPACK, OpenBLAS and protobuf-c versions.
    @Test func versionNamesTheLinkedLibraries() throws {
        let r = try LiplintProcess.run(["--version"])
        #expect(r.status == 0)
        let line = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("0.1.0 (fftw-3."), "\(line)")
        #expect(line.contains(", LAPACK 3."))
        #expect(line.contains("OpenBLAS"))
        // The OpenBLAS kernel set in use (openblas_get_corename), e.g. `kernel SkylakeX`.
        #expect(line.range(of: #", kernel [A-Za-z0-9]+"#, options: .regularExpression) != nil, "\(line)")
        #expect(line.contains("protobuf-c 1."))
        #expect(!line.contains("\n"))
    }
}
