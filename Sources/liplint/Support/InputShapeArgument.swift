import ArgumentParser

/// `--input-shape NAME=1x3x224x224`: the full shape of a run-time input.
struct InputShapeArgument: ExpressibleByArgument, Sendable {
    var name: String
    var dims: [Int]

    init?(argument: String) {
        guard let eq = argument.lastIndex(of: "=") else { return nil }
        let name = String(argument[..<eq])
        let dimsText = argument[argument.index(after: eq)...]
        let parts = dimsText.split(separator: "x", omittingEmptySubsequences: false)
        let dims = parts.compactMap { Int($0) }
        guard !name.isEmpty, !parts.isEmpty, dims.count == parts.count, dims.allSatisfy({ $0 > 0 && $0 <= 1 << 24 })
        else { return nil }
        self.name = name
        self.dims = dims
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension [InputShapeArgument] {
    /// The shapes by input name; a name given twice is a usage error.
    func shapesByName() throws -> [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for shape in self {
            if shapes[shape.name] != nil {
                throw CLIFailure.usage("--input-shape given twice for '\(shape.name)'")
            }
            shapes[shape.name] = shape.dims
        }
        return shapes
    }
}
