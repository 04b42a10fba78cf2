import ONNXModel

/// Resize/Upsample (nearest) and Pad: copies of input pixels, factor `√(Π_j m_j)` with `m_j` the most copies
/// of one pixel along axis `j`; Resize/Upsample (linear): the product of per-axis Schur bounds.
extension ResamplingRule {
    func resizeRule(_ node: Node) -> OutputRule {
        guard let x = node.input(0) else { return .unknown("\(node.opType) has no input", .unbounded) }
        let r = range(x)
        for operand in node.inputs.dropFirst() where isDependent(operand) {
            return .unknown("its scales/sizes operand '\(operand)' depends on the input", r)
        }
        let rawMode = string(node, "mode") ?? "nearest"
        let mode = rawMode == "bilinear" ? "linear" : rawMode
        guard mode == "nearest" || mode == "linear" else {
            return .unknown("\(node.opType) mode '\(rawMode)' has no rule (nearest and linear have)", r)
        }
        if (int(node, "antialias") ?? 0) != 0 && mode == "linear" {
            return .unknown("\(node.opType) with antialias has no rule", r)
        }
        let isUpsample = node.opType == "Upsample"
        let coordinateMode = isUpsample || opset < 11
            ? "asymmetric" : (string(node, "coordinate_transformation_mode") ?? "half_pixel")
        let nearestMode = isUpsample || opset < 11 ? "floor" : (string(node, "nearest_mode") ?? "round_prefer_floor")
        var scales: [Double]?
        var sizes: [Int]?
        if isUpsample {
            scales = node.attribute("scales")?.floats?.map(Double.init) ?? node.input(1).flatMap { constantValues($0) }
        } else if opset < 11 {
            scales = node.input(1).flatMap { constantValues($0) }
        } else {
            scales = node.input(2).flatMap { constantValues($0) }
            sizes = constantInts(node.input(3))
        }
        if scales?.isEmpty == true { scales = nil }
        if sizes?.isEmpty == true { sizes = nil }
        let inShape = shape(x)
        let outShape = shape(node.outputs.first)
        // Per-axis sizes and scales, when `axes` (opset 18) is absent.
        if ints(node, "axes") != nil { return .unknown("Resize with an 'axes' attribute has no rule", r) }
        let rank = inShape?.count ?? scales?.count ?? sizes?.count ?? 0
        guard rank > 0 else { return .unknown("\(node.opType) rank is unknown", r) }
        var copies = 1
        var linearFactor = 1.0
        for axis in 0..<rank {
            let n = inShape?[axis]
            let out = outShape?[axis] ?? sizes?[safe: axis] ?? {
                guard let n, let s = scales?[safe: axis] else { return nil }
                return Int((Double(n) * s).rounded(.down))
            }()
            let scale = scales?[safe: axis] ?? {
                guard let n, let out, n > 0 else { return nil }
                return Double(out) / Double(n)
            }()
            if let n, let out, n == out, scale == nil || scale == 1 { continue }
            if mode == "linear" {
                guard let n, let out, let scale,
                    let axisNorm = ResizeGeometry.linearSchur(inSize: n, outSize: out, scale: scale, coordinateMode: coordinateMode)
                else {
                    return .unknown("\(node.opType) linear interpolation needs static sizes and a known transformation", r)
                }
                linearFactor = Outward.mul(linearFactor, axisNorm)
                continue
            }
            var m: Int?
            if let n, let out, let scale {
                m = ResizeGeometry.nearestMultiplicity(
                    inSize: n, outSize: out, scale: scale, coordinateMode: coordinateMode, nearestMode: nearestMode)
            } else if let scale {
                m = ResizeGeometry.nearestMultiplicityAnySize(
                    scale: scale, coordinateMode: coordinateMode, nearestMode: nearestMode)
            }
            guard let m else {
                return .unknown("\(node.opType) copies per pixel cannot be counted (sizes or transformation unknown)", r)
            }
            copies *= m
        }
        let factor = Outward.mul(Outward.sqrt(Double(copies)), linearFactor)
        return scaled(node, x, factor, mapChannels(x, to: node.outputs.first) { $0 })
    }

    func padRule(_ node: Node) -> OutputRule {
        guard let x = node.input(0) else { return .unknown("Pad has no input", .unbounded) }
        for operand in node.inputs.dropFirst() where isDependent(operand) {
            return .unknown("its pads/value operand '\(operand)' depends on the input", .unbounded)
        }
        let mode = string(node, "mode") ?? "constant"
        var r = range(x)
        if mode == "constant" {
            let value = opset >= 11 ? node.input(2).flatMap { scalarConstant($0) } ?? 0 : float(node, "value") ?? 0
            r = r.hull(.point(value))
        }
        guard let pads = opset >= 11 ? constantInts(node.input(1)) : ints(node, "pads"), pads.count % 2 == 0 else {
            return .unknown("Pad pads are not known at analysis time", r)
        }
        let inShape = shape(x)
        let half = pads.count / 2
        var axes = Array(0..<half)
        if let given = constantInts(node.input(3)) {
            let rank = inShape?.count ?? 0
            axes = given.map { $0 < 0 ? $0 + rank : $0 }
            guard axes.count == half else { return .unknown("Pad axes do not match its pads", r) }
        }
        var copies = 1
        for (k, axis) in axes.enumerated() {
            let (begin, end) = (pads[k], pads[k + half])
            let n = inShape.flatMap { axis < $0.count ? $0[axis] : nil }
            let m = n.map { PadGeometry.multiplicity(n: $0, begin: begin, end: end, mode: mode) }
                ?? PadGeometry.multiplicityAnySize(begin: begin, end: end, mode: mode)
            guard let m else {
                return .unknown("Pad mode '\(mode)' with pads \(begin),\(end) has no rule for this size", r)
            }
            copies *= m
        }
        return scaled(node, x, Outward.sqrt(Double(copies)), r)
    }
}
