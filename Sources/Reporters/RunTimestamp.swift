import Foundation

/// Wall-clock times in reports, written only with `--timestamps`.
enum RunTimestamp {
    /// `2026-12-04T13:06:52.123Z`: ISO 8601 in UTC with milliseconds (SARIF's `startTimeUtc` form too).
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
