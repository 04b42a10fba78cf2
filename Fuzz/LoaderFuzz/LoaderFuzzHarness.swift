#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Analysis
import ONNXModel

/// One fuzz input through the loader and layer extraction: the bytes are written to a scratch file (the
/// loader maps files), loaded with the default limits, and on success the layers are extracted and every
/// static weight decoded. With `LIPLINT_FUZZ_ANALYZE=1` a loadable model is also analysed with
/// `--bounds fast` (the size-independent figures and the network bound) on one thread. Errors are the
/// expected outcome for most inputs; only a crash, a sanitizer report or a hang is a finding (docs/fuzzing.md).
enum LoaderFuzzHarness {
    /// Whether inputs that load are also analysed (`LIPLINT_FUZZ_ANALYZE=1`).
    static let analyze = getenv("LIPLINT_FUZZ_ANALYZE").map { String(cString: $0) == "1" } ?? false

    /// The scratch file of this process.
    static func scratchPath() -> String {
        let directory = getenv("LIPLINT_FUZZ_DIR").map { String(cString: $0) } ?? "/tmp"
        return "\(directory)/liplint-fuzz-\(getpid()).onnx"
    }

    /// Runs one input; returns a one-line outcome (for the reproducer mode).
    @discardableResult
    static func run(_ bytes: UnsafeRawBufferPointer, scratch: String) -> String {
        let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot write \(scratch)" }
        var written = 0
        while written < bytes.count {
            let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n <= 0 { break }
            written += n
        }
        close(fd)
        let model: Model
        do {
            model = try ModelLoader().load(path: scratch)
        } catch {
            return "load error: \(error.description)"
        }
        let layers: ModelLayers
        do {
            layers = try ModelLayers.extract(from: model)
        } catch {
            return "extraction error: \(error.description)"
        }
        var decoded = 0
        for layer in layers.convs {
            if case .constant(let tensor) = layer.weights, let values = try? tensor.doubles() { decoded += values.count }
        }
        for layer in layers.dense {
            if case .constant(let tensor) = layer.weights, let values = try? tensor.doubles() { decoded += values.count }
        }
        var analysed = ""
        if analyze {
            let options = AnalysisOptions(bounds: .fast, jobs: 1)
            if let analysis = try? ModelAnalyzer(options: options).analyze(model: model) {
                analysed = ", analysed: \(analysis.layers.count) layers"
            } else {
                analysed = ", analysis refused"
            }
        }
        return "\(layers.convs.count) conv, \(layers.dense.count) dense, \(layers.unsupported.count) unsupported, "
            + "\(decoded) weights decoded\(analysed)"
    }
}

#if FUZZING
/// libFuzzer's entry point (built with `-sanitize=fuzzer,address -DFUZZING`, see `make fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let scratch = LoaderFuzzHarness.scratchPath()
    LoaderFuzzHarness.run(UnsafeRawBufferPointer(start: data, count: size), scratch: scratch)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links an executable target's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("liplint_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without libFuzzer: runs the harness on each file given, to reproduce a finding outside the fuzzer.
@main
struct LoaderFuzzReproducer {
    static func main() {
        let scratch = LoaderFuzzHarness.scratchPath()
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                print("\(path): cannot open")
                continue
            }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = fread(&buffer, 1, buffer.count, file)
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            fclose(file)
            let outcome = bytes.withUnsafeBytes { LoaderFuzzHarness.run($0, scratch: scratch) }
            print("\(path): \(outcome)")
        }
        unlink(scratch)
    }
}
#endif
