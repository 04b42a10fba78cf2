import Testing
import LipschitzKit

@Suite struct LayerBoundUnavailableTests {
    @Test func keepsItsReason() {
        #expect(LayerBoundUnavailable("weights not static").reason == "weights not static")
    }
}
