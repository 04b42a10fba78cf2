import ArgumentParser

/// `--jobs N`, the same in every command: the number of threads the analysis uses in total (default: one per
/// core). `check` and `baseline write` spread them over models first, then over each model's layers;
/// `inspect` uses them for the layers of its model; `diff` shares them between its two models.
struct JobsOption: ParsableArguments {
    @Option(help: "Threads the analysis uses in total, spread over models, then layers (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The thread count as the requests take it (0: one per core).
    var threads: Int { jobs ?? 0 }
}
