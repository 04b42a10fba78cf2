/// The real `2r × 2c` matrix `[[A, −B], [B, A]]` of a complex `r × c` matrix `A + iB` (row-major,
/// interleaved `(re, im)`): its singular values are those of the complex matrix, each twice, so real LAPACK
/// (`DenseOperator.singularValues`) serves as an independent oracle for complex routines.
public enum ComplexRealEmbedding {
    public static func matrix(complex f: [Double], rows: Int, cols: Int) -> DenseOperator.Matrix {
        precondition(f.count == 2 * rows * cols)
        var real = [Double](repeating: 0, count: 4 * rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                let (re, im) = (f[2 * (r * cols + c)], f[2 * (r * cols + c) + 1])
                real[r * 2 * cols + c] = re
                real[r * 2 * cols + cols + c] = -im
                real[(rows + r) * 2 * cols + c] = im
                real[(rows + r) * 2 * cols + cols + c] = re
            }
        }
        return DenseOperator.Matrix(values: real, rows: 2 * rows, cols: 2 * cols)
    }
}
