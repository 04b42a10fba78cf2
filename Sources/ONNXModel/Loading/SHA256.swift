internal import CSHA256

/// SHA-256 (FIPS 180-4) over a byte buffer, written for speed on large files: it reads 64-byte blocks
/// straight from the buffer. On x86-64 processors with the SHA extensions the blocks go through the
/// `CSHA256` target's SHA-NI code (about ten times faster); elsewhere through the Swift compression below,
/// with 32-bit arithmetic and only its 64-word schedule allocated. Both give the same digest.
public enum SHA256 {
    /// Which compression function hashes the blocks.
    enum Implementation: Sendable, CaseIterable {
        /// The Swift code in this file: every processor.
        case portable
        /// The x86 SHA extensions (`CSHA256`): only where `isAvailable`.
        case accelerated

        /// The implementation can run on this processor.
        var isAvailable: Bool {
            switch self {
            case .portable: true
            case .accelerated: liplint_sha256_accelerated() != 0
            }
        }

        /// The fastest implementation this processor runs.
        static var fastest: Implementation { Implementation.accelerated.isAvailable ? .accelerated : .portable }
    }

    /// The lower-case hexadecimal digest of `bytes`.
    public static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest(bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        digest(bytes, using: .fastest)
    }

    /// The 32-byte digest of `bytes` computed by `implementation`, which must be available.
    static func digest(_ bytes: UnsafeRawBufferPointer, using implementation: Implementation) -> [UInt8] {
        precondition(implementation.isAvailable, "SHA-256 implementation \(implementation) is not available here")
        var state = State()
        let k = UnsafeMutablePointer<UInt32>.allocate(capacity: 64 + 64)
        defer { k.deallocate() }
        // The round constants K, from the table the SHA-NI code uses too.
        withUnsafeBytes(of: liplint_sha256_round_constants) { table in
            for i in 0..<64 { k[i] = table.load(fromByteOffset: 4 * i, as: UInt32.self) }
        }
        let w = k + 64
        /// Runs the compression function over `blocks` 64-byte blocks at `start`.
        func compress(_ start: UnsafeRawPointer, blocks: Int) {
            switch implementation {
            case .portable:
                for block in 0..<blocks { state.compress(start + block * 64, k: k, w: w) }
            case .accelerated:
                var words = state.words
                words.withUnsafeMutableBufferPointer { h in
                    liplint_sha256_blocks(h.baseAddress!, start, blocks)
                }
                state.words = words
            }
        }
        let count = bytes.count
        let fullBlocks = count / 64
        if let base = bytes.baseAddress, fullBlocks > 0 {
            compress(base, blocks: fullBlocks)
        }
        // The tail: remaining bytes, 0x80, zeros, and the bit length as a big-endian 64-bit number.
        var tail = [UInt8](repeating: 0, count: 128)
        let remaining = count - fullBlocks * 64
        if remaining > 0, let base = bytes.baseAddress {
            for i in 0..<remaining { tail[i] = base.load(fromByteOffset: fullBlocks * 64 + i, as: UInt8.self) }
        }
        tail[remaining] = 0x80
        let tailLength = remaining + 9 <= 64 ? 64 : 128
        let bitLength = UInt64(count) &* 8
        for i in 0..<8 { tail[tailLength - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i))) }
        tail.withUnsafeBytes { t in compress(t.baseAddress!, blocks: tailLength / 64) }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in state.words {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    /// The eight working words of the hash.
    private struct State {
        var a: UInt32 = 0x6a09_e667, b: UInt32 = 0xbb67_ae85, c: UInt32 = 0x3c6e_f372, d: UInt32 = 0xa54f_f53a
        var e: UInt32 = 0x510e_527f, f: UInt32 = 0x9b05_688c, g: UInt32 = 0x1f83_d9ab, h: UInt32 = 0x5be0_cd19

        /// H0…H7 in order.
        var words: [UInt32] {
            get { [a, b, c, d, e, f, g, h] }
            set { (a, b, c, d, e, f, g, h) = (newValue[0], newValue[1], newValue[2], newValue[3],
                                              newValue[4], newValue[5], newValue[6], newValue[7]) }
        }

        @inline(__always)
        private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

        /// Processes one 64-byte block at `p` (any alignment).
        @inline(__always)
        mutating func compress(_ p: UnsafeRawPointer, k: UnsafePointer<UInt32>, w: UnsafeMutablePointer<UInt32>) {
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let x = w[i &- 15], y = w[i &- 2]
                let s0 = State.rotr(x, 7) ^ State.rotr(x, 18) ^ (x &>> 3)
                let s1 = State.rotr(y, 17) ^ State.rotr(y, 19) ^ (y &>> 10)
                w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            }
            var a = self.a, b = self.b, c = self.c, d = self.d
            var e = self.e, f = self.f, g = self.g, h = self.h
            for i in 0..<64 {
                let s1 = State.rotr(e, 6) ^ State.rotr(e, 11) ^ State.rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = State.rotr(a, 2) ^ State.rotr(a, 13) ^ State.rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                h = g
                g = f
                f = e
                e = d &+ t1
                d = c
                c = b
                b = a
                a = t1 &+ t2
            }
            self.a = self.a &+ a
            self.b = self.b &+ b
            self.c = self.c &+ c
            self.d = self.d &+ d
            self.e = self.e &+ e
            self.f = self.f &+ f
            self.g = self.g &+ g
            self.h = self.h &+ h
        }
    }
}
