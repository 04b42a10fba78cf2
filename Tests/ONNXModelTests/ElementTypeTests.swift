import Testing
@testable import ONNXModel

@Suite struct ElementTypeTests {
    @Test func byteWidthsMatchTheONNXStorageRules() {
        #expect(ElementType.float.byteWidth == 4)
        #expect(ElementType.float16.byteWidth == 2)
        #expect(ElementType.bfloat16.byteWidth == 2)
        #expect(ElementType.double.byteWidth == 8)
        #expect(ElementType.int8.byteWidth == 1)
        #expect(ElementType.string.byteWidth == nil)
        #expect(ElementType(rawValue: 16) == .bfloat16)
    }
}
