/// Where a tensor's values are stored. Which case is used is decided by the loader; `Tensor`'s decoding
/// methods turn any of them into numbers.
enum TensorPayload: Sendable {
    /// No values (an empty tensor, or a tensor whose element count is 0).
    case none
    /// Little-endian fixed-width values (`raw_data`) of a small tensor, copied out of the decoded message.
    case raw([UInt8])
    /// Little-endian fixed-width values (`raw_data`) of a large tensor, left in the model file and read at
    /// each decode, so that a loaded model does not hold its weights in memory.
    case file(FileRegion)
    case floats([Float])
    /// `int32_data`: INT32/INT16/INT8/UINT16/UINT8/BOOL values and FLOAT16/BFLOAT16 bit patterns.
    case int32s([Int32])
    case int64s([Int64])
    case doubles([Double])
    case uint64s([UInt64])
    /// Values in an external file, already validated (path inside the model directory, range in the file).
    case external(ExternalDataReference)
}
