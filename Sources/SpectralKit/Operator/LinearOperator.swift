/// A real linear map `A : R^cols → R^rows` that can be applied with its adjoint (transpose) `Aᵀ`.
///
/// Implementations may keep scratch space, so one instance must not be applied from two threads at once
/// (they may use several threads internally).
public protocol LinearOperator: AnyObject {
    var rows: Int { get }
    var cols: Int { get }
    /// `y = A x`, with `x` of `cols` and `y` of `rows` values; `y` is overwritten.
    func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>)
    /// `x = Aᵀ y`, with `y` of `rows` and `x` of `cols` values; `x` is overwritten.
    func applyAdjoint(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>)
}

extension LinearOperator {
    /// `A x` for an array of `cols` values.
    public func apply(_ x: [Double]) -> [Double] {
        precondition(x.count == cols)
        var y = [Double](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { apply(xp.baseAddress!, into: $0.baseAddress!) }
        }
        return y
    }

    /// `Aᵀ y` for an array of `rows` values.
    public func applyAdjoint(_ y: [Double]) -> [Double] {
        precondition(y.count == rows)
        var x = [Double](repeating: 0, count: cols)
        y.withUnsafeBufferPointer { yp in
            x.withUnsafeMutableBufferPointer { applyAdjoint(yp.baseAddress!, into: $0.baseAddress!) }
        }
        return x
    }
}
