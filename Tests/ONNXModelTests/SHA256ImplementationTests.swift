import Testing
import TestSupport
@testable import ONNXModel

/// The accelerated SHA-256 (x86 SHA extensions, `CSHA256`) against the portable Swift compression, which
/// `LoaderSHA256Tests` checks against FIPS 180-4 and hashlib values.
@Suite struct SHA256ImplementationTests {
    static let acceleratedReason = "this processor has no x86 SHA extensions (or is not x86-64)"

    func hex(_ bytes: [UInt8], _ implementation: SHA256.Implementation) -> String {
        bytes.withUnsafeBytes { buffer in
            SHA256.digest(buffer, using: implementation).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }

    @Test(.enabled(if: SHA256.Implementation.accelerated.isAvailable, Comment(rawValue: acceleratedReason)))
    func standardVectorsAccelerated() {
        #expect(hex([], .accelerated) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(Array("abc".utf8), .accelerated) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), .accelerated)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            hex([UInt8](repeating: 0x61, count: 1_000_000), .accelerated)
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theStandardVectorsHoldForThePortablePath() {
        #expect(hex(Array("abc".utf8), .portable) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), .portable)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// 1,000 random lengths (every length up to 130, around the padding boundaries; then bit lengths uniform up
    /// to 256 KiB; six of 1–6 MiB) at random offsets into one random buffer, so most starts are not aligned.
    @Test(.enabled(if: SHA256.Implementation.accelerated.isAvailable, Comment(rawValue: acceleratedReason)))
    func acceleratedEqualsPortableOnRandomSlices() {
        var random = SeededGenerator(seed: 0x5348_4132_3536)
        let bufferSize = 6 << 20 + 64
        let buffer = (0..<bufferSize / 8).map { _ in random.next() }  // random bytes, eight at a time
        var lengths = Array(0...130)
        while lengths.count < 994 {
            // Bit length uniform in 1...18, then uniform among the lengths of that bit length.
            let bits = Int.random(in: 1...18, using: &random)
            lengths.append(Int.random(in: (1 << (bits - 1))..<(1 << bits), using: &random))
        }
        lengths += (0..<6).map { _ in Int.random(in: 1 << 20...6 << 20, using: &random) }
        buffer.withUnsafeBytes { all in
            for length in lengths {
                let start = Int.random(in: 0...(bufferSize - length), using: &random)
                let slice = UnsafeRawBufferPointer(rebasing: all[start..<start + length])
                let fast = SHA256.digest(slice, using: .accelerated)
                let portable = SHA256.digest(slice, using: .portable)
                #expect(fast == portable, "length \(length) at offset \(start)")
                if fast != portable { break }  // one mismatch is reported; the rest would repeat it
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
