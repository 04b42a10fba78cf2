/// Conv and pooling of the reference evaluator (2-D, NCHW), by direct summation.
extension ReferenceEvaluator {
    struct Window {
        var kernel: [Int], strides: [Int], dilations: [Int], pads: [Int]

        init(_ a: Attributes, kernel: [Int]) {
            self.kernel = kernel
            strides = a.ints("strides") ?? [1, 1]
            dilations = a.ints("dilations") ?? [1, 1]
            pads = a.ints("pads") ?? [0, 0, 0, 0]
        }

        func outputSize(_ h: Int, _ w: Int) -> (Int, Int) {
            let eh = (kernel[0] - 1) * dilations[0] + 1, ew = (kernel[1] - 1) * dilations[1] + 1
            return ((h + pads[0] + pads[2] - eh) / strides[0] + 1, (w + pads[1] + pads[3] - ew) / strides[1] + 1)
        }
    }

    func conv(_ x: ReferenceTensor, _ weight: ReferenceTensor, _ bias: ReferenceTensor?, _ a: Attributes) -> ReferenceTensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (m, cg, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let group = a.int("group") ?? 1
        precondition(cg * group == c)
        let win = Window(a, kernel: [kh, kw])
        let (oh, ow) = win.outputSize(h, w)
        let mg = m / group
        var y = ReferenceTensor(shape: [n, m, oh, ow])
        for b in 0..<n {
            for o in 0..<m {
                let g = o / mg
                for i in 0..<oh {
                    for j in 0..<ow {
                        var s = bias?.values[o] ?? 0
                        for ci in 0..<cg {
                            let channel = g * cg + ci
                            for p in 0..<kh {
                                let r = i * win.strides[0] - win.pads[0] + p * win.dilations[0]
                                guard r >= 0 && r < h else { continue }
                                for q in 0..<kw {
                                    let col = j * win.strides[1] - win.pads[1] + q * win.dilations[1]
                                    guard col >= 0 && col < w else { continue }
                                    s += weight.values[((o * cg + ci) * kh + p) * kw + q]
                                        * x.values[((b * c + channel) * h + r) * w + col]
                                }
                            }
                        }
                        y.values[((b * m + o) * oh + i) * ow + j] = s
                    }
                }
            }
        }
        return y
    }

    /// ConvTranspose (weight `(cin, cout/g, kh, kw)`): every input pixel scatters its taps, output size
    /// `s·(n − 1) + k_eff − pads` per axis (no `output_padding`).
    func convTranspose(_ x: ReferenceTensor, _ weight: ReferenceTensor, _ bias: ReferenceTensor?, _ a: Attributes) -> ReferenceTensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (cw, mg, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        precondition(cw == c)
        let group = a.int("group") ?? 1
        let m = mg * group
        let cg = c / group
        let win = Window(a, kernel: [kh, kw])
        let oh = win.strides[0] * (h - 1) + (kh - 1) * win.dilations[0] + 1 - win.pads[0] - win.pads[2]
        let ow = win.strides[1] * (w - 1) + (kw - 1) * win.dilations[1] + 1 - win.pads[1] - win.pads[3]
        var y = ReferenceTensor(shape: [n, m, oh, ow])
        for b in 0..<n {
            for o in 0..<m { for i in 0..<(oh * ow) { y.values[(b * m + o) * oh * ow + i] = bias?.values[o] ?? 0 } }
            for ci in 0..<c {
                let g = ci / cg
                for i in 0..<h {
                    for j in 0..<w {
                        let v = x.values[((b * c + ci) * h + i) * w + j]
                        for ol in 0..<mg {
                            let o = g * mg + ol
                            for p in 0..<kh {
                                let r = i * win.strides[0] - win.pads[0] + p * win.dilations[0]
                                guard r >= 0 && r < oh else { continue }
                                for q in 0..<kw {
                                    let col = j * win.strides[1] - win.pads[1] + q * win.dilations[1]
                                    guard col >= 0 && col < ow else { continue }
                                    y.values[((b * m + o) * oh + r) * ow + col] += v * weight.values[((ci * mg + ol) * kh + p) * kw + q]
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// MaxPool or AveragePool (`count_include_pad` honoured; no `ceil_mode`).
    func pool(_ x: ReferenceTensor, _ a: Attributes, max isMax: Bool) -> ReferenceTensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let win = Window(a, kernel: a.ints("kernel_shape")!)
        let includePad = a.int("count_include_pad") == 1
        let (oh, ow) = win.outputSize(h, w)
        var y = ReferenceTensor(shape: [n, c, oh, ow])
        for plane in 0..<(n * c) {
            for i in 0..<oh {
                for j in 0..<ow {
                    var best = -Double.infinity, sum = 0.0, count = 0, padded = 0
                    for p in 0..<win.kernel[0] {
                        let r = i * win.strides[0] - win.pads[0] + p * win.dilations[0]
                        for q in 0..<win.kernel[1] {
                            let col = j * win.strides[1] - win.pads[1] + q * win.dilations[1]
                            padded += 1
                            guard r >= 0 && r < h && col >= 0 && col < w else { continue }
                            let v = x.values[(plane * h + r) * w + col]
                            best = Swift.max(best, v)
                            sum += v
                            count += 1
                        }
                    }
                    y.values[(plane * oh + i) * ow + j] = isMax ? best : sum / Double(includePad ? padded : count)
                }
            }
        }
        return y
    }
}
