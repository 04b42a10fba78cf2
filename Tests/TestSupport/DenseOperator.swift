import CLAPACK

/// A 2-D convolution described exactly as ONNX `Conv` (or `ConvTranspose`) defines it, for the dense-matrix
/// oracle. Deliberately independent of SpectralKit's `ConvolutionSpec`: tests translate between the two, so a
/// layout mistake in one cannot hide in the other.
public struct ConvDefinition: Sendable, CustomStringConvertible {
    /// ONNX layout: Conv `(M, C/group, kH, kW)`; ConvTranspose `(C, M/group, kH, kW)`.
    public var weight: [Double]
    public var weightShape: (Int, Int, Int, Int)
    public var strides: (Int, Int)
    public var dilations: (Int, Int)
    /// ONNX order `(x1_begin, x2_begin, x1_end, x2_end)` = (top, left, bottom, right).
    public var pads: (Int, Int, Int, Int)
    public var group: Int

    public init(
        weight: [Double], weightShape: (Int, Int, Int, Int), strides: (Int, Int) = (1, 1),
        dilations: (Int, Int) = (1, 1), pads: (Int, Int, Int, Int) = (0, 0, 0, 0), group: Int = 1
    ) {
        precondition(weight.count == weightShape.0 * weightShape.1 * weightShape.2 * weightShape.3)
        self.weight = weight
        self.weightShape = weightShape
        self.strides = strides
        self.dilations = dilations
        self.pads = pads
        self.group = group
    }

    public var description: String {
        "w\(weightShape) s\(strides) d\(dilations) p\(pads) g\(group)"
    }

    /// Conv output size per ONNX: `⌊(n + pads − ((k − 1)·d + 1))/s⌋ + 1`, nil when not positive.
    public func convOutputSize(_ n1: Int, _ n2: Int) -> (Int, Int)? {
        let e1 = (weightShape.2 - 1) * dilations.0 + 1, e2 = (weightShape.3 - 1) * dilations.1 + 1
        let p1 = n1 + pads.0 + pads.2 - e1, p2 = n2 + pads.1 + pads.3 - e2
        guard p1 >= 0, p2 >= 0 else { return nil }
        return (p1 / strides.0 + 1, p2 / strides.1 + 1)
    }
}

/// Explicit dense matrices of convolutions, straight from the ONNX definitions (a loop over output pixels
/// and taps; no polyphase, no FFT), and their singular values by LAPACK. Row-major, channel-major layout
/// `[c][h][w]` on both sides.
public enum DenseOperator {
    public struct Matrix: Sendable {
        public var values: [Double]
        public var rows: Int
        public var cols: Int

        public init(values: [Double], rows: Int, cols: Int) {
            precondition(values.count == rows * cols)
            self.values = values
            self.rows = rows
            self.cols = cols
        }
    }

    /// The matrix of ONNX `Conv` (zero padding) on an `n1 × n2` input: `cout·m1·m2 × cin·n1·n2`.
    public static func conv(_ def: ConvDefinition, input n1: Int, _ n2: Int) -> Matrix {
        let (M, Cg, kh, kw) = def.weightShape
        let C = Cg * def.group, Mg = M / def.group
        guard let (m1, m2) = def.convOutputSize(n1, n2) else { fatalError("no output") }
        var a = [Double](repeating: 0, count: M * m1 * m2 * C * n1 * n2)
        let cols = C * n1 * n2
        for o in 0..<M {
            let g = o / Mg
            for y1 in 0..<m1 {
                for y2 in 0..<m2 {
                    let row = (o * m1 + y1) * m2 + y2
                    for cl in 0..<Cg {
                        let c = g * Cg + cl
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let h = y1 * def.strides.0 + i * def.dilations.0 - def.pads.0
                                let w = y2 * def.strides.1 + j * def.dilations.1 - def.pads.1
                                guard h >= 0, h < n1, w >= 0, w < n2 else { continue }
                                a[row * cols + (c * n1 + h) * n2 + w] += def.weight[((o * Cg + cl) * kh + i) * kw + j]
                            }
                        }
                    }
                }
            }
        }
        return Matrix(values: a, rows: M * m1 * m2, cols: cols)
    }

    /// The matrix of `Conv` with wrap-around (circular) padding on `n1 × n2`: the same taps with input
    /// indices taken modulo `n`, output `n/s` per axis (requires `s | n`). The pads only shift (a permutation).
    public static func circular(_ def: ConvDefinition, input n1: Int, _ n2: Int) -> Matrix {
        let (M, Cg, kh, kw) = def.weightShape
        precondition(n1 % def.strides.0 == 0 && n2 % def.strides.1 == 0)
        let C = Cg * def.group, Mg = M / def.group
        let m1 = n1 / def.strides.0, m2 = n2 / def.strides.1
        let cols = C * n1 * n2
        var a = [Double](repeating: 0, count: M * m1 * m2 * cols)
        func mod(_ x: Int, _ n: Int) -> Int { ((x % n) + n) % n }
        for o in 0..<M {
            let g = o / Mg
            for y1 in 0..<m1 {
                for y2 in 0..<m2 {
                    let row = (o * m1 + y1) * m2 + y2
                    for cl in 0..<Cg {
                        let c = g * Cg + cl
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let h = mod(y1 * def.strides.0 + i * def.dilations.0 - def.pads.0, n1)
                                let w = mod(y2 * def.strides.1 + j * def.dilations.1 - def.pads.1, n2)
                                a[row * cols + (c * n1 + h) * n2 + w] += def.weight[((o * Cg + cl) * kh + i) * kw + j]
                            }
                        }
                    }
                }
            }
        }
        return Matrix(values: a, rows: M * m1 * m2, cols: cols)
    }

    /// The matrix of ONNX `ConvTranspose` on an `n1 × n2` input (weight `(C, M/group, kh, kw)`), built by its
    /// own definition: every input pixel scatters `x · W` to `out = in·s − pad_begin + tap·d`; output size
    /// `s·(n − 1) + output_padding + (k − 1)·d + 1 − pad_begin − pad_end`.
    public static func convTranspose(
        _ def: ConvDefinition, input n1: Int, _ n2: Int, outputPadding: (Int, Int) = (0, 0)
    ) -> Matrix {
        let (C, Mg, kh, kw) = def.weightShape
        let M = Mg * def.group, Cg = C / def.group
        let o1 = def.strides.0 * (n1 - 1) + outputPadding.0 + (kh - 1) * def.dilations.0 + 1 - def.pads.0 - def.pads.2
        let o2 = def.strides.1 * (n2 - 1) + outputPadding.1 + (kw - 1) * def.dilations.1 + 1 - def.pads.1 - def.pads.3
        precondition(o1 > 0 && o2 > 0)
        let cols = C * n1 * n2
        var a = [Double](repeating: 0, count: M * o1 * o2 * cols)
        for c in 0..<C {
            let g = c / Cg
            for h in 0..<n1 {
                for w in 0..<n2 {
                    let col = (c * n1 + h) * n2 + w
                    for ml in 0..<Mg {
                        let m = g * Mg + ml
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let y1 = h * def.strides.0 - def.pads.0 + i * def.dilations.0
                                let y2 = w * def.strides.1 - def.pads.1 + j * def.dilations.1
                                guard y1 >= 0, y1 < o1, y2 >= 0, y2 < o2 else { continue }
                                a[((m * o1 + y1) * o2 + y2) * cols + col] += def.weight[((c * Mg + ml) * kh + i) * kw + j]
                            }
                        }
                    }
                }
            }
        }
        return Matrix(values: a, rows: M * o1 * o2, cols: cols)
    }

    /// All singular values (descending) by LAPACK `dgesdd`, straight through LAPACKE.
    public static func singularValues(_ m: Matrix) -> [Double] {
        var a = m.values
        var s = [Double](repeating: 0, count: min(m.rows, m.cols))
        var u = [Double](repeating: 0, count: 1)
        var vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(m.rows), Int32(m.cols), &a, Int32(m.cols), &s,
            &u, Int32(m.rows), &vt, Int32(m.cols))
        precondition(info == 0, "dgesdd info \(info)")
        return s
    }

    /// The spectral norm (largest singular value).
    public static func norm(_ m: Matrix) -> Double {
        singularValues(m).first ?? 0
    }

    /// `A x` for the explicit matrix.
    public static func multiply(_ m: Matrix, _ x: [Double]) -> [Double] {
        precondition(x.count == m.cols)
        var y = [Double](repeating: 0, count: m.rows)
        for r in 0..<m.rows {
            var s = 0.0
            for c in 0..<m.cols { s += m.values[r * m.cols + c] * x[c] }
            y[r] = s
        }
        return y
    }

    /// `Aᵀ y` for the explicit matrix.
    public static func multiplyTransposed(_ m: Matrix, _ y: [Double]) -> [Double] {
        precondition(y.count == m.rows)
        var x = [Double](repeating: 0, count: m.cols)
        for r in 0..<m.rows where y[r] != 0 {
            for c in 0..<m.cols { x[c] += m.values[r * m.cols + c] * y[r] }
        }
        return x
    }
}

extension DenseOperator {
    /// The `count` leading right singular vectors of `m` (each of length `m.cols`), by LAPACK `dgesdd`.
    public static func rightSingularVectors(_ m: Matrix, count: Int) -> [[Double]] {
        var a = m.values
        let k = min(m.rows, m.cols)
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m.rows * k)
        var vt = [Double](repeating: 0, count: k * m.cols)
        let info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m.rows), Int32(m.cols), &a, Int32(m.cols), &s,
            &u, Int32(k), &vt, Int32(m.cols))
        precondition(info == 0, "dgesdd info \(info)")
        return (0..<min(count, k)).map { Array(vt[($0 * m.cols)..<(($0 + 1) * m.cols)]) }
    }
}
