import TestSupport

/// Building blocks of Lipschitz-by-design networks, in the forms exporters write them.
extension GraphBuilder {
    enum MaxMinForm: CaseIterable { case split, slices, relu }
    enum WrapForm: CaseIterable { case pad, sliceConcat }

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
