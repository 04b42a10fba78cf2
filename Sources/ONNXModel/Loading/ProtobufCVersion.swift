internal import CProtobufC

/// The version of the protobuf-c runtime this build is linked against, e.g. `1.4.1`.
public enum ProtobufCVersion {
    public static var string: String { String(cString: protobuf_c_version()) }
}
