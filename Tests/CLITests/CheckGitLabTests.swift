import Foundation
import Testing
import TestSupport

/// `check --format gitlab`: a GitLab Code Quality report that GitLab's merge-request widget accepts.
@Suite struct CheckGitLabTests {
    @Test func codeQualityIssuesForFindingsAndUnreadableModels() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "models/a.onnx", CheckFixtures.conv(nan: true))
        try CheckFixtures.put(dir, "models/b.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1], deadChannel: true))
        try CheckFixtures.put(dir, "models/chain.onnx", CheckFixtures.chain(3))
        try CheckFixtures.put(dir, "models/broken.onnx", "not a model")
        let r = try CheckFixtures.check(["models", "--format", "gitlab"], in: dir)
        #expect(r.status == 2)  // an unreadable model
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        // a.onnx: non-finite weights; b.onnx: dead filters, asymmetric padding; chain.onnx: three asymmetric paddings; broken: 1.
        #expect(issues.count == 7)
        for issue in issues {
            #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasPrefix("models/") == true)
            #expect((location["lines"] as? [String: Int]) == ["begin": 1])
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
        }
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == issues.count)
        let byCheck = Dictionary(grouping: issues) { $0["check_name"] as? String ?? "" }
        #expect(byCheck["LIP007 non-finite-weights"]?.first?["severity"] as? String == "critical")
        #expect(byCheck["LIP008 dead-filters"]?.first?["severity"] as? String == "major")
        #expect(byCheck["LIP011 asymmetric-padding"]?.count == 4)
        #expect(byCheck["LIP011 asymmetric-padding"]?.allSatisfy { $0["severity"] as? String == "minor" } == true)
        let broken = try #require(byCheck["liplint unreadable-model"]?.first)
        #expect(broken["severity"] as? String == "blocker")
        #expect((broken["location"] as? [String: Any])?["path"] as? String == "models/broken.onnx")
        #expect((byCheck["LIP008 dead-filters"]?.first?["description"] as? String)?.hasPrefix("node 'conv0' (Conv): ") == true)
        // The same models give the same fingerprints (and bytes) on the next run.
        #expect(try CheckFixtures.check(["models", "--format", "gitlab"], in: dir).stdout == r.stdout)
    }
}
