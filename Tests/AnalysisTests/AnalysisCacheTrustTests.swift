import Foundation
import ONNXModel
import Testing
import TestSupport

@testable import Analysis

/// The cache never changes a verdict: entries authenticated with the user's key (a forged entry, even with a
/// correct SHA-256, is ignored), no reads through links or from FIFOs, no writes through a linked directory,
/// and a key file only its owner can read.
@Suite struct AnalysisCacheTrustTests {
    typealias Base = AnalysisCacheTests

    /// A forger who knows the format and the key derivation but not the user's key: the entry carries the
    /// right full key, but lower figures; it is ignored and the true figures are computed.
    @Test func anEntryWrittenWithoutTheUsersKeyIsIgnored() throws {
        let scratch = try Base.Scratch()
        defer { FileIO.remove(scratch.directory) }
        let (fresh, _) = try Base.analyze(scratch, cache: nil)
        let forger = AnalysisCacheSecret(bytes: Array(repeating: 7, count: 32))
        _ = try Base.analyze(scratch, cache: scratch.cache(secret: forger))
        let (analysis, events) = try Base.analyze(scratch, cache: scratch.cache())
        guard case .ignored(let reason) = events.cacheOutcomes.first else {
            Issue.record("expected the forged entry to be ignored, got \(events.cacheOutcomes)")
            return
        }
        #expect(reason.hasPrefix("authentication failed"))
        #expect(Base.digest(analysis) == Base.digest(fresh))
        #expect(events.cacheOutcomes.last == .stored)
    }

    @Test func aFIFOEntryIsIgnoredWithoutBlockingAndReplaced() throws {
        let scratch = try Base.Scratch()
        defer { FileIO.remove(scratch.directory) }
        _ = try Base.analyze(scratch, cache: scratch.cache())
        let entry = try #require(scratch.entries().first)
        try FileManager.default.removeItem(atPath: entry)
        #expect(mkfifo(entry, 0o600) == 0)
        let (_, events) = try Base.analyze(scratch, cache: scratch.cache())
        #expect(events.cacheOutcomes == [.ignored("entry is not a regular file but a named pipe (FIFO)"), .stored])
        #expect(FileKind(path: entry, followingLinks: false) == .regular)
    }

    @Test func aLinkedEntryIsNotFollowed() throws {
        let scratch = try Base.Scratch()
        defer { FileIO.remove(scratch.directory) }
        _ = try Base.analyze(scratch, cache: scratch.cache())
        let entry = try #require(scratch.entries().first)
        let elsewhere = scratch.directory + "/elsewhere.entry"
        try FileManager.default.moveItem(atPath: entry, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: elsewhere)
        let before = try Data(contentsOf: URL(fileURLWithPath: elsewhere))
        let (_, events) = try Base.analyze(scratch, cache: scratch.cache())
        #expect(events.cacheOutcomes == [.ignored("entry is a symbolic link (not followed here)"), .stored])
        // The store replaced the link, not the file it pointed to.
        #expect(FileKind(path: entry, followingLinks: false) == .regular)
        #expect(try Data(contentsOf: URL(fileURLWithPath: elsewhere)) == before)
    }

    @Test func aLinkedCacheDirectoryIsNeitherReadNorWritten() throws {
        let scratch = try Base.Scratch()
        defer { FileIO.remove(scratch.directory) }
        let target = scratch.directory + "/target"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.cacheDirectory, withDestinationPath: target)
        let (_, events) = try Base.analyze(scratch, cache: scratch.cache())
        #expect(events.cacheOutcomes == [
            .ignored("the cache directory is a symbolic link (not followed)"),
            .notStored("cannot write the cache in \(scratch.cacheDirectory): a symbolic link (not followed)"),
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
    }

    @Test func theKeyFileIsCreatedPrivateAndReused() throws {
        let home = try FileIO.makeTemporaryDirectory("liplint-key")
        defer { FileIO.remove(home) }
        let directory = home + "/liplint"
        let first = try AnalysisCacheSecret.load(directory: directory)
        let second = try AnalysisCacheSecret.load(directory: directory)
        #expect(first == second)
        #expect(first.bytes.count == 32)
        var info = stat()
        #expect(lstat(directory + "/" + AnalysisCacheSecret.fileName, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try AnalysisCacheSecret.load(directory: try FileIO.makeTemporaryDirectory("liplint-key")) != first)
    }

    @Test func aKeyFileOthersCanReadOrALinkedOneIsRefused() throws {
        let home = try FileIO.makeTemporaryDirectory("liplint-key")
        defer { FileIO.remove(home) }
        let path = home + "/" + AnalysisCacheSecret.fileName
        _ = try AnalysisCacheSecret.load(directory: home)
        chmod(path, 0o644)
        #expect(throws: AnalysisCacheSecret.LoadError(description: "\(path): must belong to this user with mode 0600")) {
            _ = try AnalysisCacheSecret.load(directory: home)
        }
        let other = try FileIO.makeTemporaryDirectory("liplint-key")
        defer { FileIO.remove(other) }
        try FileManager.default.createSymbolicLink(atPath: other + "/" + AnalysisCacheSecret.fileName, withDestinationPath: path)
        #expect(throws: AnalysisCacheSecret.LoadError.self) { _ = try AnalysisCacheSecret.load(directory: other) }
    }

    /// RFC 4231 test case 2 ("Jefe"): the HMAC is the standard one.
    @Test func theAuthenticationCodeIsHMACSHA256() {
        let secret = AnalysisCacheSecret(bytes: Array("Jefe".utf8))
        #expect(secret.authenticationCode(Array("what do ya want for nothing?".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
