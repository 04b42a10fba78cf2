/// The `auto_pad` attribute of Conv, ConvTranspose and the pooling operators.
public enum AutoPad: String, Sendable, Hashable, Codable {
    /// Use the explicit `pads` (default 0).
    case notSet = "NOTSET"
    /// No padding.
    case valid = "VALID"
    /// Pad so that `output = ceil(input / stride)` (ConvTranspose: `input · stride`); an odd total puts the
    /// extra pixel at the end.
    case sameUpper = "SAME_UPPER"
    /// As `sameUpper`, the extra pixel at the beginning.
    case sameLower = "SAME_LOWER"

    /// Parses the attribute text; an absent or empty attribute is `notSet`, unknown text is `nil`.
    init?(attribute: String?) {
        guard let text = attribute, !text.isEmpty else {
            self = .notSet
            return
        }
        self.init(rawValue: text)
    }

    var isSame: Bool { self == .sameUpper || self == .sameLower }
}
