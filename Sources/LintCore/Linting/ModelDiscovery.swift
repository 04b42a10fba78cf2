import Analysis
import Foundation

/// Expands the paths given to `liplint check`: files as given, directories recursively for `*.onnx` files
/// (sorted; hidden files and directories, such as `.git` and `.build`, skipped).
///
/// Symbolic links: a path named on the command line is followed wherever it points. During a walk, a
/// symbolic link to a directory is **not** followed (as git and ruff do), so a link to `.`, `..` or `/usr`
/// cannot make the walk loop, grow exponentially or leave the tree; a symbolic link to a `.onnx` file is
/// linted. No file or directory (by device and inode) is visited twice, however many names lead to it.
/// Paths that do not exist are kept, so that the run reports them as unreadable; a directory that cannot be
/// read, and a `.onnx` entry that is not a regular file (a FIFO, a device, a dangling link), are kept with
/// the reason.
public enum ModelDiscovery {
    /// A model path to lint, or a path found that cannot be linted and why.
    public struct Found: Sendable, Hashable {
        /// As given, or as found under a given directory.
        public var path: String
        /// Why nothing can be read there (one line, without the path); `nil` for a model to load.
        public var problem: String?

        public init(path: String, problem: String? = nil) {
            self.path = path
            self.problem = problem
        }
    }

    /// Model paths in a deterministic order, each file once.
    public static func discover(_ paths: [String]) -> [Found] {
        var walk = Walk()
        for path in paths {
            if FileKind(path: path) == .directory {
                walk.directory(path)
            } else {
                walk.add(Found(path: path), identity: FileIdentity(path: path))
            }
        }
        // A link found in a walk yields to the file it points to when the walk also found that file itself.
        return walk.found.enumerated().filter { index, item in
            guard let identity = walk.linkIdentities[index] else { return true }
            return !walk.fileIdentities.contains(identity)
        }.map(\.element)
    }

    /// Model paths only (`discover` without the problems).
    public static func expand(_ paths: [String]) -> [String] {
        discover(paths).filter { $0.problem == nil }.map(\.path)
    }

    private struct Walk {
        var found: [Found] = []
        var seenPaths = Set<String>()
        var seenDirectories = Set<FileIdentity>()

        /// Identities of the files found under their own name (not through a link met in a walk).
        var fileIdentities = Set<FileIdentity>()
        /// By index in `found`: the identity of a model found through a link met in a walk.
        var linkIdentities: [Int: FileIdentity] = [:]

        /// Identities of the models found through links met in a walk.
        var seenLinks = Set<FileIdentity>()

        mutating func add(_ item: Found, identity: FileIdentity?, throughLink: Bool = false) {
            if let identity, throughLink {
                guard !fileIdentities.contains(identity), seenLinks.insert(identity).inserted else { return }
                linkIdentities[found.count] = identity
            } else if let identity {
                guard fileIdentities.insert(identity).inserted else { return }
            } else {
                guard seenPaths.insert(PathText.absolute(item.path)).inserted else { return }
            }
            found.append(item)
        }

        mutating func directory(_ directory: String) {
            if let identity = FileIdentity(path: directory) {
                guard seenDirectories.insert(identity).inserted else { return }
            }
            let names: [String]
            do {
                names = try DirectoryListing.names(in: directory)
            } catch {
                add(Found(path: directory, problem: "cannot read directory: \(error.description)"), identity: nil)
                return
            }
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = prefix + name
                let isModel = name.lowercased().hasSuffix(".onnx")
                switch FileKind(path: path, followingLinks: false) {
                case .directory:
                    self.directory(path)
                case .regular where isModel:
                    add(Found(path: path), identity: FileIdentity(path: path))
                case .symbolicLink where isModel:
                    switch FileKind(path: path) {
                    case .regular: add(Found(path: path), identity: FileIdentity(path: path), throughLink: true)
                    case .directory: continue
                    case .missing: add(Found(path: path, problem: "a symbolic link to a file that does not exist"), identity: nil)
                    case let kind: add(Found(path: path, problem: "not a regular file but \(kind)"), identity: nil)
                    }
                case let kind where isModel && kind != .missing && kind != .regular:
                    add(Found(path: path, problem: "not a regular file but \(kind)"), identity: nil)
                default:
                    continue
                }
            }
        }
    }
}
