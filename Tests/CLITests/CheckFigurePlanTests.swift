import Foundation
import Testing
import TestSupport

/// `check --show-config` says which figures a run computes, at which search effort, and which rules read them.
@Suite struct CheckFigurePlanTests {
    @Test func showConfigNamesTheFiguresAndTheirReaders() throws {
        let dir = try FileIO.makeTemporaryDirectory("liplint-show-config")
        defer { FileIO.remove(dir) }
        try FileIO.write(Array("extends: default\n".utf8), to: dir + "/liplint.yml")
        let byDefault = try LiplintProcess.run(["check", "--show-config", dir])
        #expect(byDefault.status == 0, "\(byDefault.stderr)")
        #expect(byDefault.stdout.contains("\n# figures computed (what the enabled rules read): size-independent\n"))
        #expect(!byDefault.stdout.contains("circulant:"))
        #expect(!byDefault.stdout.contains("exact:"))
        #expect(byDefault.stdout.contains("\n# search effort: fast first, then standard for the layers whose verdict depends on it"))

        try FileIO.write(Array("extends: strict\n".utf8), to: dir + "/liplint.yml")
        let r = try LiplintProcess.run(["check", "--show-config", dir])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\n# figures computed (what the enabled rules read): size-independent, exact, circulant\n"))
        #expect(r.stdout.contains("\n#   exact: circulant-underestimates\n"))
        #expect(r.stdout.contains("\n#   circulant: circulant-underestimates, ill-conditioned-layer\n"))
        #expect(!r.stdout.contains("embedding:"))
        // strict reads the Lanczos `exact` figure: standard effort from the start.
        #expect(r.stdout.contains("\n# search effort: standard (the Lanczos exact figure starts where"))

        let ignored = try LiplintProcess.run(["check", "--show-config", "--ignore", "circulant-underestimates", dir])
        #expect(ignored.stdout.contains("\n# figures computed (what the enabled rules read): size-independent, circulant\n"))
        #expect(!ignored.stdout.contains("exact:"))

        let explicit = try LiplintProcess.run(["check", "--show-config", "--bounds", "fast", dir])
        #expect(explicit.stdout.contains("\n# figures: --bounds fast (given on the command line)\n"))
        #expect(!explicit.stdout.contains("# search effort"))
    }
}
