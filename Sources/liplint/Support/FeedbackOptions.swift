import ArgumentParser

/// `--quiet` and `--verbose`, shared by `check`, `diff` and `inspect`: what goes to standard error besides errors.
struct FeedbackOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Nothing on standard error but errors: no progress bar, no warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Timings of each stage per model and what the cache did, on standard error.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }
}
