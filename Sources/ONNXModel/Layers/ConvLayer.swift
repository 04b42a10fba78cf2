/// A 2-D (or 1-D, treated as 2-D with height 1) convolution found in the model, with its geometry fully
/// resolved: explicit pads whatever `auto_pad` said, kernel from the attribute or the weight.
///
/// For `ConvTranspose` the fields describe the ConvTranspose as written (weight `(C, M/group, kh, kw)`,
/// `inputSize` is the ConvTranspose's input). Its singular values are those of the Conv with the same
/// weight, stride, dilation and pads acting on `outputSize` (docs/spectral-methods §1).
public struct ConvLayer: Sendable {
    /// Which operator the layer came from.
    public enum Operator: String, Sendable, Codable {
        case conv = "Conv"
        case convTranspose = "ConvTranspose"
        case qLinearConv = "QLinearConv"
        case convInteger = "ConvInteger"
    }

    /// How the weights are available.
    public enum Weights: Sendable {
        /// Weights known at analysis time in ONNX layout (`weightShape`). A stored initializer or Constant
        /// value is the stored tensor itself, decoded only when `doubles()` is called (so a model's weights are
        /// never all held as `Double` at once); folded weights are `DOUBLE` tensors, dequantized when the
        /// layer is quantized: `scale · (w − zero_point)` for QLinearConv; `w − zero_point` for
        /// ConvInteger, times the scale of a following constant `Mul` when there is one (else
        /// `integerUnits`).
        case constant(Tensor)
        /// The weight is computed at run time or fed as a graph input; `reason` says which.
        case notStatic(reason: String)
    }

    /// The node's name, or a generated stable name (`"<op>_<nodeIndex>"`, in the subgraph path) when empty.
    public var name: String
    /// Position of the node in its graph's node list.
    public var nodeIndex: Int
    /// `"main"` or the subgraph path (`Graph.path`).
    public var graph: String
    public var op: Operator
    /// The name of the weight value (input 1; input 3 for QLinearConv).
    public var weightName: String
    public var weights: Weights
    /// The weight's dims as stored: 4 entries for 2-D (`[cout, cin/g, kh, kw]` for Conv,
    /// `[cin, cout/g, kh, kw]` for ConvTranspose); a 1-D conv's 3-D weight is reported with its 3 dims.
    /// Empty when the weight's shape is unknown (a run-time weight without a recorded shape).
    public var weightShape: [Int]
    /// Number of spatial axes in the file: 2, or 1 for a 1-D conv (then every 2-element field below has
    /// height entries `kernel[0] = 1`, `stride[0] = 1`, `dilation[0] = 1`, pads 0).
    public var spatialRank: Int
    /// `[kh, kw]`.
    public var kernel: [Int]
    /// `[sh, sw]`.
    public var stride: [Int]
    /// `[dh, dw]`.
    public var dilation: [Int]
    /// `[top, left, bottom, right]`, explicit (resolved from `auto_pad` where needed; for a ConvTranspose
    /// with `output_shape`, the pads that shape implies).
    public var pads: [Int]
    public var group: Int
    /// ConvTranspose `output_padding` `[h, w]` (zeros otherwise).
    public var outputPadding: [Int]
    /// Input spatial size `[H, W]` (height 1 for 1-D), `nil` when the static shape pass could not tell.
    public var inputSize: [Int]?
    /// Output spatial size `[H, W]`, `nil` when unknown.
    public var outputSize: [Int]?
    /// Input channels of the node (`cin`), from the weight.
    public var inputChannels: Int
    /// Output channels of the node (`cout`), from the weight.
    public var outputChannels: Int
    /// True for QLinearConv / ConvInteger layers (figures come from dequantized weights).
    public var quantized: Bool
    /// True for a ConvInteger without a foldable scale: its figures are in integer units.
    public var integerUnits: Bool
    /// The node's `auto_pad` as written (`.notSet` when absent).
    public var autoPad: AutoPad = .notSet
    /// False when `pads` could not be resolved: `auto_pad` is `SAME_*` (or a ConvTranspose has
    /// `output_shape`) and the input size is unknown. `pads` then holds zeros and must not be trusted.
    public var padsResolved: Bool = true

    public init(
        name: String, nodeIndex: Int, graph: String, op: Operator, weightName: String, weights: Weights,
        weightShape: [Int], spatialRank: Int, kernel: [Int], stride: [Int], dilation: [Int], pads: [Int],
        group: Int, outputPadding: [Int], inputSize: [Int]?, outputSize: [Int]?, inputChannels: Int,
        outputChannels: Int, quantized: Bool, integerUnits: Bool
    ) {
        self.name = name
        self.nodeIndex = nodeIndex
        self.graph = graph
        self.op = op
        self.weightName = weightName
        self.weights = weights
        self.weightShape = weightShape
        self.spatialRank = spatialRank
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.pads = pads
        self.group = group
        self.outputPadding = outputPadding
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.quantized = quantized
        self.integerUnits = integerUnits
    }

    /// Whether the weights are known at analysis time.
    public var weightsStatic: Bool {
        if case .constant = weights { return true }
        return false
    }
}
