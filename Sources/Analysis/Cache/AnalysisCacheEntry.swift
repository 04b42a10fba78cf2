import Foundation
import ONNXModel

/// The bytes of one cache file: a one-line JSON header — format version, the full key, the payload's length
/// and SHA-256 — then a newline and the payload (an `AnalysisCacheRecord` as JSON).
///
/// Decoding checks, in this order, the header, the format version, the key, the length and the checksum, and
/// only then decodes the payload; any failure is a `Rejection` with a one-line reason.
enum AnalysisCacheEntry {
    /// Raised whenever the layout or meaning of an entry changes; older entries are then ignored.
    static let formatVersion = 1

    struct Header: Codable {
        var format: Int
        var key: AnalysisCacheKey
        var payloadBytes: Int
        var payloadSHA256: String
    }

    /// Why an entry was not trusted.
    struct Rejection: Error, Equatable {
        var reason: String
    }

    static func encode(_ record: AnalysisCacheRecord, key: AnalysisCacheKey) throws -> [UInt8] {
        let encoder = AnalysisCacheCoding.encoder()
        let payload = Array(try encoder.encode(record))
        let header = Header(
            format: formatVersion, key: key, payloadBytes: payload.count,
            payloadSHA256: payload.withUnsafeBytes { SHA256.hexDigest($0) })
        // JSONEncoder never writes a raw newline (strings escape it), so the header is one line.
        return Array(try encoder.encode(header)) + [UInt8(ascii: "\n")] + payload
    }

    static func decode(_ bytes: [UInt8], expecting key: AnalysisCacheKey) -> Result<AnalysisCacheRecord, Rejection> {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            return .failure(Rejection(reason: "no header line"))
        }
        let decoder = AnalysisCacheCoding.decoder()
        guard let header = try? decoder.decode(Header.self, from: Data(bytes[..<newline])) else {
            return .failure(Rejection(reason: "unreadable header"))
        }
        guard header.format == formatVersion else {
            return .failure(Rejection(reason: "format \(header.format), expected \(formatVersion)"))
        }
        guard header.key == key else { return .failure(Rejection(reason: "entry is for a different key")) }
        let payload = bytes[(newline + 1)...]
        guard payload.count == header.payloadBytes else {
            return .failure(Rejection(reason: "payload has \(payload.count) bytes, header says \(header.payloadBytes)"))
        }
        guard payload.withUnsafeBytes({ SHA256.hexDigest($0) }) == header.payloadSHA256 else {
            return .failure(Rejection(reason: "payload checksum mismatch"))
        }
        guard let record = try? decoder.decode(AnalysisCacheRecord.self, from: Data(payload)) else {
            return .failure(Rejection(reason: "unreadable payload"))
        }
        return .success(record)
    }
}
