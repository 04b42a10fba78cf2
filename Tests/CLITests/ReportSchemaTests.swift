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
