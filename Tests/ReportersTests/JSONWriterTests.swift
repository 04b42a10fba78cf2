import Foundation
import Testing
@testable import Reporters

@Suite struct JSONWriterTests {
    let writer = JSONWriter()

    @Test func numbersKeepFullPrecision() {
        #expect(writer.format(2.012_534_9) == "2.0125349")
        #expect(writer.format(142.3) == "142.3")
        #expect(writer.format(1e-6) == "1e-6")
        #expect(writer.format(-3.0) == "-3")
        #expect(writer.format(1_234_567.0) == "1234567")
        #expect(writer.format(.infinity) == "null")
        #expect(writer.format(3.398_131_9) == "3.3981319")
        for v in [0.1 + 0.2, 1.001.nextUp, 5e-324, Double.greatestFiniteMagnitude, 1e16, 123_456_789.123] {
            #expect(Double(writer.format(v)) == v)
        }
    }

    @Test func outputIsValidJSONWithKeysInOrder() throws {
        let doc = JSONValue.object([
            ("b", .int(1)), ("a", .array([.number(0.5), .null, .string("q\"\n\u{1}")])),
            ("o", .object([("x", .bool(true))])), ("empty", .array([])),
        ])
        let text = writer.write(doc)
        #expect(text.firstRange(of: "\"b\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["b"] as? Int == 1)
        #expect((parsed?["a"] as? [Any])?.last as? String == "q\"\n\u{1}")
        #expect((parsed?["o"] as? [String: Any])?["x"] as? Bool == true)
    }

    @Test func sameValueSameBytes() {
        let doc = JSONValue.object([("k", .number(1.0 / 3.0))])
        #expect(writer.write(doc) == writer.write(doc))
        #expect(writer.write(doc) == "{\n  \"k\": 0.3333333333333333\n}\n")
    }
}
