internal import CLAPACK

/// A dense row-major matrix as a `LinearOperator` (`cblas_dgemv`), for Lanczos on large dense layers.
public final class MatrixOperator: LinearOperator {
    public let rows: Int
    public let cols: Int
    private let values: [Double]

    /// - Precondition: `values.count == rows · cols`, both positive.
    public init(values: [Double], rows: Int, cols: Int) {
        precondition(rows > 0 && cols > 0 && values.count == rows * cols)
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        values.withUnsafeBufferPointer { a in
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), 1, a.baseAddress!, Int32(cols), x, 1, 0, y, 1)
        }
    }

    public func applyAdjoint(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        values.withUnsafeBufferPointer { a in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(cols), 1, a.baseAddress!, Int32(cols), y, 1, 0, x, 1)
        }
    }
}
