#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The model file as the converter sees it while the mapping is open: where the wire scan found each large
/// `raw_data`, so that a tensor can point into the file (`FileRegion`) instead of keeping protobuf-c's copy.
struct RawDataBacking {
    /// The mapped file; valid during the conversion only.
    let bytes: UnsafeRawBufferPointer
    /// `WireScanner.Summary.largeRawData`.
    let locations: [WirePath: Range<Int>]
    /// Absolute path of the model file.
    let path: String
    let identity: FileIdentity

    /// The file region holding the tensor at `place`, whose decoded `raw_data` is `decoded`; `nil` unless the
    /// scan located it and the file's bytes there are exactly `decoded` (so reading them later can only
    /// give what protobuf-c would have).
    func region(at place: WirePath, decoded: UnsafeRawBufferPointer) -> FileRegion? {
        guard decoded.count >= WireScanner.largeRawDataBytes, let range = locations[place],
            range.count == decoded.count, range.upperBound <= bytes.count,
            let file = bytes.baseAddress, let copy = decoded.baseAddress,
            memcmp(file + range.lowerBound, copy, decoded.count) == 0
        else { return nil }
        return FileRegion(path: path, offset: range.lowerBound, count: range.count, identity: identity)
    }
}
