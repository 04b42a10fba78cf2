import ONNXModel

extension NetworkBoundCalculator {
    /// The convs `compute()` will ask `bounds` for with an output-channel scale (BatchNormalization or
    /// per-channel Mul/Div folds, conv-form SLL layers), found by queries over the graph patterns without
    /// propagating, in node order. Knowing them up front lets a caller compute those certificates in parallel;
    /// the numbers `compute()` returns do not depend on it. Requests inside If branches are not listed.
    public func foldRequests() -> [ConvFoldRequest] {
        FoldRequestQuery(pass: NetworkPass(calculator: self)).requests()
    }
}
