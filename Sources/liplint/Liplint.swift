import ArgumentParser

@main
struct Liplint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liplint",
        abstract: "Lint the Lipschitz constants of the convolutions and dense layers in ONNX models.",
        version: "0.1.0",
        subcommands: [])
}
