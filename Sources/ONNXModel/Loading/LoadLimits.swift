/// Safety limits that keep a hostile or corrupt file from making the loader allocate without bound, recurse
/// without bound, or read outside the bytes that back a tensor.
///
/// The defaults accept every real model we know of; raise them only for unusual files.
public struct LoadLimits: Sendable, Hashable {
    /// How deep subgraphs may nest (a graph in an attribute of a node of a graph ...). The main graph is
    /// depth 0, an `If` branch of it depth 1. Files nesting deeper are refused with `.limitExceeded`.
    public var maxSubgraphDepth: Int
    /// How deep protobuf messages of any kind may nest (the C decoder recurses once per level). The
    /// effective limit is never below what `maxSubgraphDepth` needs (three messages per graph level).
    public var maxMessageDepth: Int
    /// The bytes that all inline tensors together may declare (element count × element width), as a multiple
    /// of the file size. Data stored in the file cannot be larger than the file, so 1 is exact.
    public var inlineTensorBytesPerFileByte: Int
    /// The memory the decoded (unpacked) protobuf messages may take, estimated before decoding: at most
    /// `unpackedBytesFloor + unpackedBytesPerFileByte × file size`. Tiny messages (a few bytes each in the
    /// file) take a few hundred bytes each once decoded; this bounds that amplification.
    public var unpackedBytesPerFileByte: Int
    /// See `unpackedBytesPerFileByte`.
    public var unpackedBytesFloor: Int
    /// The most elements one tensor's values may be decoded into (`Tensor.doubles()` and friends), checked
    /// before any allocation. Bounds what external data (whose size the model file does not bound) can make
    /// liplint allocate: 2²⁷ elements are 1 GiB as `Double`. Larger weights make their layer's figures
    /// unavailable with this reason; the model still loads.
    public var maxTensorElements: Int

    /// The default `maxTensorElements`: 2²⁷ (134 million) elements.
    public static let defaultMaxTensorElements = 1 << 27

    public init(
        maxSubgraphDepth: Int = 64, maxMessageDepth: Int = 256, inlineTensorBytesPerFileByte: Int = 1,
        unpackedBytesPerFileByte: Int = 16, unpackedBytesFloor: Int = 256 << 20,
        maxTensorElements: Int = LoadLimits.defaultMaxTensorElements
    ) {
        self.maxTensorElements = maxTensorElements
        self.maxSubgraphDepth = maxSubgraphDepth
        self.maxMessageDepth = maxMessageDepth
        self.inlineTensorBytesPerFileByte = inlineTensorBytesPerFileByte
        self.unpackedBytesPerFileByte = unpackedBytesPerFileByte
        self.unpackedBytesFloor = unpackedBytesFloor
    }

    /// The message nesting the wire scan allows.
    var effectiveMessageDepth: Int {
        max(maxMessageDepth, 3 * max(maxSubgraphDepth, 0) + 16)
    }

    /// The estimated unpacked size allowed for a file of `fileSize` bytes.
    func maxUnpackedBytes(fileSize: Int) -> Int {
        let (scaled, overflow) = fileSize.multipliedReportingOverflow(by: max(unpackedBytesPerFileByte, 0))
        if overflow { return Int.max }
        let (total, overflow2) = scaled.addingReportingOverflow(max(unpackedBytesFloor, 0))
        return overflow2 ? Int.max : total
    }

    /// The inline tensor bytes allowed for a file of `fileSize` bytes.
    func maxInlineTensorBytes(fileSize: Int) -> Int {
        let (scaled, overflow) = fileSize.multipliedReportingOverflow(by: max(inlineTensorBytesPerFileByte, 0))
        return overflow ? Int.max : scaled
    }
}
