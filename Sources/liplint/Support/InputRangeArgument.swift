import ArgumentParser

/// `--input-range NAME=lo,hi`: the declared value range of a model input (e.g. `x=0,1` for images).
struct InputRangeArgument: ExpressibleByArgument, Sendable {
    var name: String
    var range: ClosedRange<Double>

    init?(argument: String) {
        guard let eq = argument.lastIndex(of: "=") else { return nil }
        let name = String(argument[..<eq])
        let parts = argument[argument.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
        guard !name.isEmpty, parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]),
            lo.isFinite, hi.isFinite, lo <= hi
        else { return nil }
        self.name = name
        self.range = lo...hi
    }
}

extension [InputRangeArgument] {
    /// The ranges by input name; a name given twice is a usage error.
    func rangesByName() throws -> [String: ClosedRange<Double>] {
        var ranges: [String: ClosedRange<Double>] = [:]
        for r in self {
            if ranges[r.name] != nil { throw CLIFailure.usage("--input-range given twice for '\(r.name)'") }
            ranges[r.name] = r.range
        }
        return ranges
    }
}
