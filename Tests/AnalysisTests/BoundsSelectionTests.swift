import Testing
import Analysis

@Suite struct BoundsSelectionTests {
    @Test func standardIsAValidSelection() {
        #expect(BoundsSelection(rawValue: "standard") == .standard)
        #expect(BoundsSelection(rawValue: "exactly") == nil)
    }
}
