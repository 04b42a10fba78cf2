import Testing
import TestSupport

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameSequence() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        #expect(a.normals(5) == b.normals(5))
        var c = SeededGenerator(seed: 43)
        #expect(a.normals(5) != c.normals(5))
    }
}
