import LintCore

/// The sentence of a finding as the file-annotating formats (GitHub, GitLab) show it: where in the graph,
/// then the rule's message — the one message source every format shares.
enum FindingText {
    /// `node 'Conv.12' (Conv): certified spectral norm …`, `output 'y': …`, or the bare message for the model.
    static func located(_ f: Finding) -> String {
        switch f.location.subject {
        case .node:
            return "node '\(f.location.name ?? "")'" + (f.location.op.map { " (\($0))" } ?? "") + ": " + f.message
        case .output:
            return "output '\(f.location.name ?? "")': " + f.message
        case .model:
            return f.message
        }
    }
}
