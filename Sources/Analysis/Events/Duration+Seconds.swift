extension Duration {
    /// The duration in seconds, as `--verbose` timings print it.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
