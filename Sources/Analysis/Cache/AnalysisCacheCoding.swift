import Foundation

/// The JSON coders of cache entries: sorted keys (the same value always gives the same bytes) and the
/// non-finite numbers a figure may hold (`upper = inf`) as agreed strings, so that every `Double` survives.
enum AnalysisCacheCoding {
    private static let positiveInfinity = "inf"
    private static let negativeInfinity = "-inf"
    private static let notANumber = "nan"

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: notANumber)
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: notANumber)
        return decoder
    }
}
