import Testing
import SpectralKit

@Suite struct FigureKindTests {
    @Test func notABoundIsSpelledWithHyphens() {
        #expect(FigureKind.notABound.rawValue == "not-a-bound")
        #expect(FigureKind(rawValue: "upper") == .upper)
    }
}
