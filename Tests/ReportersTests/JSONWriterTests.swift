import Foundation
import Testing
@testable import Reporters

@Suite struct JSONWriterTests {
    let writer = JSONWriter()

    @Test func numbersKeepSixSignificantDigits() {
        #expect(writer.format(2.012_534_9) == "2.01253")
        #expect(writer.format(142.3) == "142.3")
        #expect(writer.format(1e-6) == "1e-6")
        #expect(writer.format(-3.0) == "-3")
        #expect(writer.format(1_234_567.0) == "1.23457e6")
        #expect(writer.format(.infinity) == "null")
        #expect(writer.format(0.000123456789) == "0.000123457")
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
        #expect(writer.write(doc) == "{\n  \"k\": 0.333333\n}\n")
    }
}
