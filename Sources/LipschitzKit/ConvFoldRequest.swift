import ONNXModel

/// A conv whose certificate the network pass asks for with its output channels scaled (`LinearLayerBounds`'s
/// `upperBound(conv:outputChannelScale:)` with a scale): a BatchNormalization or a Mul/Div by a per-channel
/// constant folded into the conv, or an SLL layer's `√s`. `scale` is exactly the array the pass passes.
public struct ConvFoldRequest: Sendable {
    public var conv: ConvLayer
    /// One factor per output channel of `conv` (unitless), rounded away from 0 as the pass rounds it.
    public var scale: [Double]

    public init(conv: ConvLayer, scale: [Double]) {
        self.conv = conv
        self.scale = scale
    }
}
