import Foundation
import LipschitzKit
import ONNXModel
import Testing
import TestSupport

@testable import Analysis

/// The analysis cache: a hit gives exactly the figures, statistics and network bound a fresh analysis
/// computes (bit for bit) without computing them; anything that changes the result misses; corrupt, truncated,
/// foreign, oversized or other-version entries are ignored (and replaced), never trusted; an unwritable
/// cache never fails an analysis.
@Suite struct AnalysisCacheTests {
    /// Conv 2→4 (3×3, stride 2, pads 1) → Relu → Conv 4→3 (3×3, dilation 2, pads 2) on 1×2×H×W (the tests
    /// analyse 9×9), weights from a fixed seed.
    static func model(seed: UInt64 = 7) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        func weights(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -0.5...0.5, using: &generator) } }
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(
                    op: "Conv", inputs: ["x", "w1"], outputs: ["h"], name: "conv1",
                    attributes: [.ints("kernel_shape", [3, 3]), .ints("strides", [2, 2]), .ints("pads", [1, 1, 1, 1])]),
                ONNXWriter.node(op: "Relu", inputs: ["h"], outputs: ["r"], name: "relu"),
                ONNXWriter.node(
                    op: "Conv", inputs: ["r", "w2"], outputs: ["y"], name: "conv2",
                    attributes: [.ints("kernel_shape", [3, 3]), .ints("dilations", [2, 2]), .ints("pads", [2, 2, 2, 2])]),
            ],
            initializers: [
                ONNXWriter.tensor(name: "w1", dims: [4, 2, 3, 3], floats: weights(72)),
                ONNXWriter.tensor(name: "w2", dims: [3, 4, 3, 3], floats: weights(108)),
            ],
            inputs: [ONNXWriter.valueInfo(name: "x", elementType: .float, shape: [1, 2, "H", "W"])],
            outputs: [ONNXWriter.valueInfo(name: "y", elementType: .float, shape: nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// Collects the events of one analysis (called from worker threads).
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [AnalysisEvent] = []
        var observer: AnalysisObserver { { [self] event in lock.withLock { events.append(event) } } }
        var all: [AnalysisEvent] { lock.withLock { events } }
        var cacheOutcomes: [AnalysisCacheOutcome] {
            all.compactMap { if case .cache(_, let outcome) = $0 { outcome } else { nil } }
        }
        var stages: [AnalysisStage] {
            all.compactMap { if case .stageFinished(_, let stage, _) = $0 { stage } else { nil } }
        }
    }

    /// A scratch directory with the model file in it.
    struct Scratch {
        let directory: String
        var modelPath: String { directory + "/m.onnx" }
        var cacheDirectory: String { directory + "/cache" }

        init(model: [UInt8] = AnalysisCacheTests.model()) throws {
            directory = try FileIO.makeTemporaryDirectory("liplint-cache")
            try FileIO.write(model, to: modelPath)
        }

        func cache(
            identity: String = "test 1", maxEntryBytes: Int = 256 << 20, secret: AnalysisCacheSecret = AnalysisCacheTests.secret
        ) -> AnalysisCache {
            AnalysisCache(directory: cacheDirectory, toolIdentity: identity, secret: secret, maxEntryBytes: maxEntryBytes)
        }

        /// The entry files in the cache directory.
        func entries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory)) ?? [])
                .filter { $0.hasSuffix(".entry") }.sorted().map { cacheDirectory + "/" + $0 }
        }
    }

    /// The key of the tests' caches (fixed: entries written by one test run can be reasoned about).
    static let secret = AnalysisCacheSecret(bytes: Array(0..<32))

    static let options = AnalysisOptions(
        bounds: .standard, inputShapes: ["x": [1, 2, 9, 9]], singularValues: true, jobs: 2)

    static func analyze(
        _ scratch: Scratch, options: AnalysisOptions = options, cache: AnalysisCache?
    ) throws -> (ModelAnalysis, Events) {
        let events = Events()
        let analysis = try ModelAnalyzer(options: options, cache: cache, observer: events.observer)
            .analyze(path: scratch.modelPath)
        return (analysis, events)
    }

    /// Every figure of every layer (one line each), each number printed in the shortest text that reads back to the same
    /// `Double` (so `-0.0`, `inf` and `nan` stay distinct): equal digests are equal figures.
    static func digest(_ analysis: ModelAnalysis) -> [String] {
        analysis.layers.flatMap { layer in
            let f = layer.figures
            let figures: [(String, Any)] = [
                ("exact", f.exact), ("denseNorm", f.denseNorm), ("embedding", f.embedding), ("asymptotic", f.asymptotic),
                ("circulant", f.circulant), ("closedForm", f.closedForm), ("fantasticFour", f.fantasticFour),
                ("gram", f.gram), ("reshaped", f.reshaped), ("approximation", f.approximation),
            ]
            return figures.map { "\(layer.name) \($0.0) \(String(reflecting: $0.1))" }
                + ["\(layer.name) statistics \(String(describing: layer.weightStatistics))"]
        }
    }

    @Test func aHitReturnsTheFreshResultWithoutComputingIt() throws {
        let scratch = try Scratch()
        defer { FileIO.remove(scratch.directory) }
        let (fresh, _) = try Self.analyze(scratch, cache: nil)
        let (first, firstEvents) = try Self.analyze(scratch, cache: scratch.cache())
        #expect(firstEvents.cacheOutcomes == [.miss, .stored])
        #expect(firstEvents.stages.contains(.figures))
        #expect(scratch.entries().count == 1)
        let (second, secondEvents) = try Self.analyze(scratch, cache: scratch.cache())
        #expect(secondEvents.cacheOutcomes == [.hit])
        #expect(!secondEvents.stages.contains(.figures) && !secondEvents.stages.contains(.networkBound))
        // The progress bar still sees every layer done.
        #expect(secondEvents.all.contains(.layersDone(model: scratch.modelPath, count: 2)))

        let expected = Self.digest(fresh)
        #expect(expected.count > 4 && expected.contains { $0.contains("embedding") })
        #expect(Self.digest(first) == expected)
        #expect(Self.digest(second) == expected)
        #expect(fresh.network != nil && second.network == fresh.network)
        #expect(second.model == fresh.model)
        #expect(second.layers.map(\.name) == ["conv1", "conv2"])
    }

    /// One change of every `AnalysisOptions` field, by field name; `jobs` is the only one that must not change
    /// the key.
    static let changes: [String: @Sendable (inout AnalysisOptions) -> Void] = [
        "bounds": { $0.bounds = .fast },
        "inputShapes": { $0.inputShapes = ["x": [1, 2, 12, 12]] },
        "singularValues": { $0.singularValues.toggle() },
        "exactTolerance": { $0.exactTolerance = 1e-8 },
        "asymptoticTolerance": { $0.asymptoticTolerance = 1e-2 },
        "approximationLimit": { $0.approximationLimit = 1000 },
        "jobs": { $0.jobs = 1 },
        "wrt": { $0.wrt = ["x"] },
        "inputRanges": { $0.inputRanges = ["x": 0...1] },
        "sizeSpecific": { $0.sizeSpecific.toggle() },
        "sizeDependentFigureList": { $0.sizeDependentFigures = [.exact] },
        "limits": { $0.limits.maxOperatorElements = 1 << 10 },
        "searchEffort": { $0.searchEffort = .fast },
    ]

    /// A refined result has its own key; an unrefined key encodes as it did before refinement existed.
    @Test func theRefinedLayersArePartOfTheKey() {
        let plain = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: Self.options)
        let refined = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: Self.options, refinedLayers: [1])
        let other = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: Self.options, refinedLayers: [0, 1])
        #expect(Set([plain.fileName, refined.fileName, other.fileName]).count == 3)
        #expect(!String(decoding: plain.encoded(), as: UTF8.self).contains("refinedLayers"))
    }

    @Test func aSetOfFiguresEncodesTheSameWhateverItsOrder() {
        // Sets iterate in a per-process order; the key must not.
        var keys = Set<String>()
        for _ in 0..<20 {
            var options = Self.options
            options.sizeDependentFigures = Set(SizeDependentFigure.allCases.shuffled())
            keys.insert(AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: options).fileName)
        }
        #expect(keys.count == 1)
    }

    @Test func everyOptionIsPartOfTheKeyExceptJobs() {
        // A field added to AnalysisOptions without a change here fails this test.
        let fields = Mirror(reflecting: Self.options).children.compactMap(\.label)
        #expect(Set(fields) == Set(Self.changes.keys), "add a change for every AnalysisOptions field")
        let base = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: Self.options)
        for (field, change) in Self.changes {
            var options = Self.options
            change(&options)
            #expect(options != Self.options, "\(field): the change changes nothing")
            let key = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: options)
            if field == "jobs" {
                #expect(key == base && key.fileName == base.fileName)
            } else {
                #expect(key != base && key.fileName != base.fileName, "\(field) is not part of the key")
            }
        }
        #expect(AnalysisCacheKey(modelSHA256: "ac", toolIdentity: "t", options: Self.options).fileName != base.fileName)
        #expect(AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "u", options: Self.options).fileName != base.fileName)
    }

    @Test func whatChangesTheResultChangesTheKey() throws {
        let scratch = try Scratch()
        defer { FileIO.remove(scratch.directory) }
        _ = try Self.analyze(scratch, cache: scratch.cache())
        var variants: [(String, AnalysisOptions, AnalysisCache)] = []
        for field in ["bounds", "inputShapes", "exactTolerance", "singularValues", "inputRanges"] {
            var options = Self.options
            Self.changes[field]!(&options)
            variants.append((field, options, scratch.cache()))
        }
        variants.append(("tool identity", Self.options, scratch.cache(identity: "test 2")))
        for (what, options, cache) in variants {
            let (_, events) = try Self.analyze(scratch, options: options, cache: cache)
            #expect(events.cacheOutcomes.first == .miss, "\(what)")
        }
        // Scheduling is not part of the key.
        var jobs = Self.options
        jobs.jobs = 1
        let (_, events) = try Self.analyze(scratch, options: jobs, cache: scratch.cache())
        #expect(events.cacheOutcomes == [.hit])
        // A different model (other weights, same structure) misses.
        let other = try Scratch(model: Self.model(seed: 8))
        defer { FileIO.remove(other.directory) }
        let otherCache = AnalysisCache(directory: scratch.cacheDirectory, toolIdentity: "test 1", secret: Self.secret)
        let (_, otherEvents) = try Self.analyze(other, cache: otherCache)
        #expect(otherEvents.cacheOutcomes.first == .miss)
    }

    /// Writes a good entry, damages it with `damage`, and expects the next lookup to ignore it with a reason
    /// containing `reason`, then to recompute the same result and replace the entry (the run after is a hit).
    func expectIgnored(_ reason: String, maxEntryBytes: Int = 256 << 20, damage: ([UInt8], String) throws -> [UInt8])
        throws
    {
        let scratch = try Scratch()
        defer { FileIO.remove(scratch.directory) }
        let (fresh, _) = try Self.analyze(scratch, cache: scratch.cache())
        let entry = try #require(scratch.entries().first)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: entry)))
        try FileIO.write(try damage(bytes, scratch.directory), to: entry)
        let (again, events) = try Self.analyze(scratch, cache: scratch.cache(maxEntryBytes: maxEntryBytes))
        guard case .ignored(let why) = events.cacheOutcomes.first else {
            Issue.record("\(reason): expected the entry to be ignored, got \(events.cacheOutcomes)")
            return
        }
        #expect(why.contains(reason), "\(why)")
        #expect(Self.digest(again) == Self.digest(fresh))
        #expect(again.network == fresh.network)
        if maxEntryBytes == 256 << 20 {
            #expect(events.cacheOutcomes.last == .stored)
            let (_, after) = try Self.analyze(scratch, cache: scratch.cache())
            #expect(after.cacheOutcomes == [.hit], "\(reason)")
        }
    }

    @Test func aFlippedPayloadByteIsIgnored() throws {
        try expectIgnored("authentication failed") { bytes, _ in
            var bytes = bytes
            // A digit of some number in the payload: still valid JSON, a different value.
            let newline = bytes.firstIndex(of: UInt8(ascii: "\n"))!
            let digit = bytes[(newline + 1)...].lastIndex { (UInt8(ascii: "1")...UInt8(ascii: "8")).contains($0) }!
            bytes[digit] += 1
            return bytes
        }
    }

    @Test func aTruncatedEntryIsIgnored() throws {
        try expectIgnored("bytes, header says") { bytes, _ in Array(bytes.dropLast(bytes.count / 3)) }
    }

    @Test func garbageIsIgnored() throws {
        try expectIgnored("no header line") { _, _ in Array(repeating: 0x41, count: 5000) }
        try expectIgnored("unreadable header") { _, _ in Array("{\"format\": \n[]".utf8) }
        try expectIgnored("no header line") { _, _ in [] }
    }

    @Test func anEntryOfAnotherKeyIsIgnored() throws {
        // A foreign entry under this key's file name: the stored full key differs.
        try expectIgnored("different key") { _, directory in
            let other = try Scratch(model: Self.model(seed: 9))
            defer { FileIO.remove(other.directory) }
            _ = try Self.analyze(other, cache: other.cache())
            return try Array(Data(contentsOf: URL(fileURLWithPath: try #require(other.entries().first))))
        }
    }

    @Test func anotherFormatVersionIsIgnored() throws {
        try expectIgnored("expected \(AnalysisCacheEntry.formatVersion)") { bytes, _ in
            let text = String(decoding: bytes, as: UTF8.self)
            let marker = "\"format\":\(AnalysisCacheEntry.formatVersion)"
            #expect(text.contains(marker))
            return Array(text.replacingOccurrences(of: marker, with: "\"format\":999").utf8)
        }
    }

    @Test func aValidLookingPayloadThatDoesNotDecodeIsIgnored() throws {
        // Header recomputed (with the key) for a payload that is valid JSON of the wrong shape: authentication
        // passes, decoding fails.
        try expectIgnored("unreadable payload") { bytes, _ in
            let newline = bytes.firstIndex(of: UInt8(ascii: "\n"))!
            var header = try AnalysisCacheCoding.decoder().decode(
                AnalysisCacheEntry.Header.self, from: Data(bytes[..<newline]))
            let payload = Array("{\"layers\": 3}".utf8)
            header.payloadBytes = payload.count
            header.authentication = AnalysisCacheEntry.authentication(payload, key: header.key, secret: Self.secret)
            return Array(try AnalysisCacheCoding.encoder().encode(header)) + [UInt8(ascii: "\n")] + payload
        }
    }

    @Test func anOversizedEntryIsNotRead() throws {
        try expectIgnored("larger than 64 bytes", maxEntryBytes: 64) { bytes, _ in bytes }
    }

    @Test func anUnwritableCacheNeverFailsTheAnalysis() throws {
        let scratch = try Scratch()
        defer { FileIO.remove(scratch.directory) }
        // The cache directory's path is taken by a file.
        try FileIO.write(Array("not a directory".utf8), to: scratch.cacheDirectory)
        let (fresh, _) = try Self.analyze(scratch, cache: nil)
        let (analysis, events) = try Self.analyze(scratch, cache: scratch.cache())
        #expect(Self.digest(analysis) == Self.digest(fresh))
        guard case .notStored(let reason) = events.cacheOutcomes.last else {
            Issue.record("expected notStored, got \(events.cacheOutcomes)")
            return
        }
        #expect(reason.contains("not a directory"))
    }

    @Test func theFirstStoreCreatesTheDirectoryWithAGitignore() throws {
        let scratch = try Scratch()
        defer { FileIO.remove(scratch.directory) }
        _ = try Self.analyze(scratch, cache: scratch.cache())
        let ignore = try String(contentsOfFile: scratch.cacheDirectory + "/.gitignore", encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("*"))
        // No temporary files are left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.cacheDirectory)
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    }

    @Test func theKeyIsCanonical() {
        var a = Self.options
        a.inputShapes = ["x": [1, 2, 9, 9], "y": [1, 4]]
        a.inputRanges = ["x": 0...1, "y": -1...1]
        var b = a
        b.jobs = 7
        let keyA = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: a)
        let keyB = AnalysisCacheKey(modelSHA256: "ab", toolIdentity: "t", options: b)
        #expect(keyA == keyB && keyA.fileName == keyB.fileName)
        #expect(keyA.fileName.count == 64 + ".entry".count)
        let keyC = AnalysisCacheKey(modelSHA256: "ac", toolIdentity: "t", options: a)
        #expect(keyC.fileName != keyA.fileName)
    }
}
