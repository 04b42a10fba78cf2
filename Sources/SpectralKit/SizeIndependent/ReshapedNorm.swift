/// `‖R3‖₂`: the weight reshaped to `cout × (cin·kh·kw)` — what many frameworks call a convolution's
/// "spectral norm". Kind: **`not-a-bound`**: it can be below the layer's norm by up to `√(kh·kw)`
/// (docs/spectral-methods §5); it is reported only because users compare against it.
///
/// Largest over groups. Zero channels, zero border taps and polyphase rearrangement do not change it, so it
/// equals `‖R3‖₂` of each group's stored weight.
public struct ReshapedNorm: Sendable, Hashable, Codable {
    /// The value (no guarantee either way).
    public var value: Double

    public init(value: Double) {
        self.value = value
    }
}
