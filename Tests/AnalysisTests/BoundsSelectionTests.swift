import Testing
import Analysis

@Suite struct BoundsSelectionTests {
    @Test func selectionsNestAsDocumented() {
        #expect(BoundsSelection(rawValue: "exactly") == nil)
        #expect(!BoundsSelection.none.includesSizeIndependent)
        #expect(BoundsSelection.fast.includesSizeIndependent && !BoundsSelection.fast.includesSizeDependent)
        #expect(BoundsSelection.standard.includesSizeDependent && !BoundsSelection.standard.includesApproximation)
        #expect(BoundsSelection.all.includesApproximation && BoundsSelection.all.includesSizeDependent)
    }
}
