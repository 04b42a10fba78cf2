import TestSupport

/// Building blocks of Lipschitz-by-design networks, in the forms exporters write them.
extension GraphBuilder {
    enum MaxMinForm: CaseIterable { case split, slices, relu }
    enum WrapForm: CaseIterable { case pad, sliceConcat }

    /// A random `n×n` orthogonal matrix (product of two Householder reflections), row-major.
    static func orthogonal(_ n: Int, rng: inout SeededGenerator) -> [Double] {
        var q = (0..<n * n).map { $0 / n == $0 % n ? 1.0 : 0 }
        for _ in 0..<2 {
            let v = rng.normals(n)
            let vv = v.map { $0 * $0 }.reduce(0, +)
            var h = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { h[i * n + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv } }
            q = multiply(h, q, n)
        }
        return q
    }

    /// The product of two `n×n` row-major matrices.
    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n {
                let aik = a[i * n + k]
                for j in 0..<n { result[i * n + j] += aik * b[k * n + j] }
            }
        }
        return result
    }

    /// A BCOP-like orthogonal 3×3 kernel `c×c`: symbol `(P₁ + (I−P₁)z_h)(P₂ + (I−P₂)z_w)·Q` with rank-1
    /// projectors `P`, unitary at every frequency (taps in the top-left 2×2 of the 3×3 kernel).
    static func orthogonalKernel(_ c: Int, rng: inout SeededGenerator) -> [Double] {
        func projector() -> [Double] {
            let v = rng.normals(c)
            let vv = v.map { $0 * $0 }.reduce(0, +)
            return (0..<c * c).map { v[$0 / c] * v[$0 % c] / vv }
        }
        func mul(_ a: [Double], _ b: [Double]) -> [Double] { multiply(a, b, c) }
        let identity = (0..<c * c).map { $0 / c == $0 % c ? 1.0 : 0 }
        let p1 = projector(), p2 = projector(), q = orthogonal(c, rng: &rng)
        let a = [p1, zip(identity, p1).map { $0 - $1 }]
        let b = [p2, zip(identity, p2).map { $0 - $1 }]
        var w = [Double](repeating: 0, count: c * c * 9)
        for th in 0..<2 {
            for tw in 0..<2 {
                let m = mul(mul(a[th], b[tw]), q)
                for o in 0..<c { for i in 0..<c { w[((o * c + i) * 3 + th) * 3 + tw] = m[o * c + i] } }
            }
        }
        return w
    }

    /// A 3×3 conv with the given weights (`c×c`), padding `pad` on every side.
    mutating func conv3(_ x: String, weights: [Double], channels c: Int, pad: Int) -> String {
        let name = "k\(nodes.count)"
        weight(name, [c, c, 3, 3], weights)
        return node("Conv", [x, name], nil, [
            .ints("kernel_shape", [3, 3]), .ints("pads", [Int64](repeating: Int64(pad), count: 4)),
        ])
    }

    /// `x` wrap-padded by one pixel on each side of H and W, in `form`; `shape` is `x`'s NCHW shape.
    mutating func wrapPad(_ x: String, shape: [Int], form: WrapForm) -> String {
        switch form {
        case .pad:
            let pads = "pads\(nodes.count)"
            ints(pads, [0, 0, 1, 1, 0, 0, 1, 1])
            return node("Pad", [x, pads], nil, [.string("mode", "wrap")])
        case .sliceConcat:
            var t = x
            for axis in [2, 3] {
                let n = shape[axis]
                let tail = slice(t, axis: axis, start: n - 1, end: Int(Int32.max))
                let head = slice(t, axis: axis, start: 0, end: 1)
                t = node("Concat", [tail, t, head], nil, [.int("axis", Int64(axis))])
            }
            return t
        }
    }

    /// `x[start:end]` along `axis` (ONNX Slice with constant inputs).
    mutating func slice(_ x: String, axis: Int, start: Int, end: Int) -> String {
        let k = nodes.count
        ints("s\(k)", [start])
        ints("e\(k)", [end])
        ints("a\(k)", [axis])
        return node("Slice", [x, "s\(k)", "e\(k)", "a\(k)"])
    }

    /// MaxMin (GroupSort-2) over the channel halves of `x` (`channels` channels), in `form`.
    mutating func maxMin(_ x: String, channels: Int, form: MaxMinForm) -> String {
        let (a, b): (String, String)
        switch form {
        case .split:
            let k = nodes.count
            (a, b) = ("sa\(k)", "sb\(k)")
            nodes.append(ONNXWriter.node(
                op: "Split", inputs: [x], outputs: [a, b], name: "Split\(k)", attributes: [.int("axis", 1)]))
        case .slices, .relu:
            a = slice(x, axis: 1, start: 0, end: channels / 2)
            b = slice(x, axis: 1, start: channels / 2, end: channels)
        }
        if form == .relu {
            let r = node("Relu", [node("Sub", [a, b])])
            return node("Concat", [node("Add", [b, r]), node("Sub", [a, r])], nil, [.int("axis", 1)])
        }
        return node("Concat", [node("Max", [a, b]), node("Min", [a, b])], nil, [.int("axis", 1)])
    }

    /// A 1×1 conv by the `c×c` matrix `m`.
    mutating func pointwise(_ x: String, _ m: [Double], channels c: Int) -> String {
        let name = "p\(nodes.count)"
        weight(name, [c, c, 1, 1], m)
        return node("Conv", [x, name], nil, [.ints("kernel_shape", [1, 1])])
    }
}
