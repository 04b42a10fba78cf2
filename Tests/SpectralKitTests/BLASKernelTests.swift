import SpectralKit
import Testing

/// The OpenBLAS kernel set chosen from a CPU's feature flags.
@Suite struct BLASKernelTests {
    static let avx512: Set<String> = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    @Test func bestCoreTypeFollowsTheInstructionSet() {
        #expect(BLASKernel.bestCoreType(flags: Self.avx512) == "SkylakeX")
        #expect(BLASKernel.bestCoreType(flags: Self.avx512.subtracting(["avx512vl"])) == "Haswell")
        #expect(BLASKernel.bestCoreType(flags: ["sse4_2", "avx", "avx2"]) == "Sandybridge")  // AVX2 without FMA
        #expect(BLASKernel.bestCoreType(flags: ["sse4_2"]) == "Nehalem")
        #expect(BLASKernel.bestCoreType(flags: ["sse2", "sse3"]) == nil)
    }

    @Test func onlyAWeakerDetectionIsUpgraded() {
        #expect(BLASKernel.upgrade(detected: "Prescott", flags: Self.avx512) == "SkylakeX")
        #expect(BLASKernel.upgrade(detected: "Haswell", flags: Self.avx512) == "SkylakeX")
        #expect(BLASKernel.upgrade(detected: "SkylakeX", flags: Self.avx512) == nil)
        #expect(BLASKernel.upgrade(detected: "Cooperlake", flags: Self.avx512) == nil)
        #expect(BLASKernel.upgrade(detected: "Zen", flags: ["avx", "avx2", "fma"]) == nil)
        // A core name this table does not know (a newer OpenBLAS) is never replaced.
        #expect(BLASKernel.upgrade(detected: "Zen5", flags: Self.avx512) == nil)
        #expect(BLASKernel.upgrade(detected: "Prescott", flags: ["sse2"]) == nil)
    }

    /// `canUpgrade` (which decides whether /proc/cpuinfo is read at all) is false only where `upgrade` gives
    /// nothing for any flags, even the strongest set.
    @Test func noUpgradeMeansNoFlagsNeeded() {
        let names = ["Prescott", "Core2", "Nehalem", "Sandybridge", "Haswell", "Zen", "SkylakeX", "Cooperlake",
                     "SapphireRapids", "Zen5", "unknown"]
        for name in names where !BLASKernel.canUpgrade(detected: name) {
            #expect(BLASKernel.upgrade(detected: name, flags: Self.avx512) == nil, "\(name)")
        }
        #expect(BLASKernel.canUpgrade(detected: "Prescott") && BLASKernel.canUpgrade(detected: "Haswell"))
        #expect(!BLASKernel.canUpgrade(detected: "SkylakeX") && !BLASKernel.canUpgrade(detected: "Zen5"))
    }

    @Test func theLinkedLibraryNamesItsKernel() {
        #expect(!BLASKernel.coreName.isEmpty && BLASKernel.coreName != "unknown")
    }
}
