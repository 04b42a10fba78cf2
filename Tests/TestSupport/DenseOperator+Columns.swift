extension DenseOperator {
    /// The explicit matrix of a linear map on `inputs` coordinates, built column by column from `apply` of the
    /// unit vectors.
    public static func matrix(inputs: Int, _ apply: ([Double]) -> [Double]) -> Matrix {
        var columns: [[Double]] = []
        for j in 0..<inputs {
            var e = [Double](repeating: 0, count: inputs)
            e[j] = 1
            columns.append(apply(e))
        }
        let rows = columns.first?.count ?? 0
        var values = [Double](repeating: 0, count: rows * inputs)
        for (j, column) in columns.enumerated() { for i in 0..<rows { values[i * inputs + j] = column[i] } }
        return Matrix(values: values, rows: rows, cols: inputs)
    }

    /// The spectral norm of the linear map `apply` on `inputs` coordinates (its explicit matrix's top singular value).
    public static func norm(inputs: Int, _ apply: ([Double]) -> [Double]) -> Double {
        norm(matrix(inputs: inputs, apply))
    }
}
