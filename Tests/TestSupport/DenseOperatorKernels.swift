/// Random convolution definitions for oracle tests, reproducible from a seed.
public enum DenseOperatorKernels {
    /// A Conv with standard normal weights of shape `(cout, cin/group, kh, kw)`.
    public static func randomConv(
        cout: Int, cin: Int, kernel: (Int, Int), strides: (Int, Int) = (1, 1), dilations: (Int, Int) = (1, 1),
        pads: (Int, Int, Int, Int) = (0, 0, 0, 0), group: Int = 1, seed: UInt64
    ) -> ConvDefinition {
        precondition(cin % group == 0 && cout % group == 0)
        var rng = SeededGenerator(seed: seed)
        let shape = (cout, cin / group, kernel.0, kernel.1)
        return ConvDefinition(
            weight: rng.normals(shape.0 * shape.1 * shape.2 * shape.3), weightShape: shape, strides: strides,
            dilations: dilations, pads: pads, group: group)
    }

    /// "Same"-style pads for kernel `k` and dilation `d`: total `(k − 1)·d`, the extra pixel at the end.
    public static func samePads(kernel: (Int, Int), dilations: (Int, Int) = (1, 1)) -> (Int, Int, Int, Int) {
        let t1 = (kernel.0 - 1) * dilations.0, t2 = (kernel.1 - 1) * dilations.1
        return (t1 / 2, t2 / 2, t1 - t1 / 2, t2 - t2 / 2)
    }
}
