import Foundation
import ONNXModel

/// The bytes of one cache file: a one-line JSON header — format version, the full key, the payload's length
/// and its authentication code — then a newline and the payload (an `AnalysisCacheRecord` as JSON).
///
/// The authentication code is HMAC-SHA256 under the user's secret key (`AnalysisCacheSecret`) of the canonical
/// key, a newline and the payload: only a liplint holding the key can write an entry that is accepted, and an
/// entry is bound to the model bytes (the key holds their SHA-256) and the full option set. Decoding checks, in
/// this order, the header, the format version, the key, the length and the authentication code, and only then
/// decodes the payload; any failure is a `Rejection` with a one-line reason.
enum AnalysisCacheEntry {
    /// Raised whenever the layout or meaning of an entry changes; older entries are then ignored.
    /// 2: HMAC-SHA256 instead of a plain SHA-256; the key holds the whole `AnalysisOptions`.
    /// 3: typed figures (`LayerFigures`, each a `FigureValue` with its state) instead of named field lists.
    static let formatVersion = 3

    struct Header: Codable {
        var format: Int
        var key: AnalysisCacheKey
        var payloadBytes: Int
        /// HMAC-SHA256 (hexadecimal) of the canonical key, `\n` and the payload.
        var authentication: String
    }

    /// The authentication code of `payload` for `key` under `secret`.
    static func authentication(_ payload: some Collection<UInt8>, key: AnalysisCacheKey, secret: AnalysisCacheSecret)
        -> String
    {
        secret.authenticationCode(key.encoded() + [UInt8(ascii: "\n")] + Array(payload))
    }

    /// Why an entry was not trusted.
    struct Rejection: Error, Equatable {
        var reason: String
    }

    static func encode(_ record: AnalysisCacheRecord, key: AnalysisCacheKey, secret: AnalysisCacheSecret) throws
        -> [UInt8]
    {
        let encoder = AnalysisCacheCoding.encoder()
        let payload = Array(try encoder.encode(record))
        let header = Header(
            format: formatVersion, key: key, payloadBytes: payload.count,
            authentication: authentication(payload, key: key, secret: secret))
        // JSONEncoder never writes a raw newline (strings escape it), so the header is one line.
        return Array(try encoder.encode(header)) + [UInt8(ascii: "\n")] + payload
    }

    static func decode(_ bytes: [UInt8], expecting key: AnalysisCacheKey, secret: AnalysisCacheSecret)
        -> Result<AnalysisCacheRecord, Rejection>
    {
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
        guard authentication(payload, key: key, secret: secret) == header.authentication else {
            return .failure(Rejection(reason: "authentication failed (not written with this user's cache key, or altered)"))
        }
        guard let record = try? decoder.decode(AnalysisCacheRecord.self, from: Data(payload)) else {
            return .failure(Rejection(reason: "unreadable payload"))
        }
        return .success(record)
    }
}
