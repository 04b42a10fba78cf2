/// Nearest-neighbour resizing along one axis: how many output positions copy one input position.
enum ResizeGeometry {
    /// The largest number of output indices (of `outSize`) mapped to one input index (of `inSize`), by
    /// replaying ONNX Resize's coordinate transformation and rounding. A position within 1e-6 of a rounding
    /// boundary (but not exactly on one) counts for both neighbours, so float32 differences at run time
    /// cannot exceed the count; positions exactly on a boundary are decided as the exact arithmetic does.
    /// `nil` for a transformation it does not know.
    static func nearestMultiplicity(
        inSize: Int, outSize: Int, scale: Double, coordinateMode: String, nearestMode: String
    ) -> Int? {
        guard inSize > 0, outSize > 0, scale > 0 else { return nil }
        var counts = [Int](repeating: 0, count: inSize)
        for x in 0..<outSize {
            let xf = Double(x)
            let original: Double
            switch coordinateMode {
            case "half_pixel": original = (xf + 0.5) / scale - 0.5
            case "pytorch_half_pixel": original = outSize > 1 ? (xf + 0.5) / scale - 0.5 : 0
            case "align_corners": original = outSize == 1 ? 0 : xf * Double(inSize - 1) / Double(outSize - 1)
            case "asymmetric": original = xf / scale
            case "tf_half_pixel_for_nn": original = (xf + 0.5) / scale
            default: return nil
            }
            let index: Double
            let tie: Double
            switch nearestMode {
            case "floor": (index, tie) = (original.rounded(.down), original.rounded())
            case "ceil": (index, tie) = (original.rounded(.up), original.rounded())
            case "round_prefer_ceil": (index, tie) = ((original + 0.5).rounded(.down), (original - 0.5).rounded() + 0.5)
            default: (index, tie) = ((original - 0.5).rounded(.up), (original - 0.5).rounded() + 0.5)  // round_prefer_floor
            }
            var candidates: Set<Int> = [Int(index)]
            if original != tie && abs(original - tie) < 1e-6 {
                // Near (not on) a rounding boundary: float32 at run time may land on either side.
                candidates.insert(Int(original < tie ? index + 1 : index - 1))
            }
            candidates = Set(candidates.map { min(max($0, 0), inSize - 1) })
            for c in candidates { counts[c] += 1 }
        }
        return counts.max()
    }

    /// The same count when sizes are unknown, for `asymmetric` only (no clamping): `⌈s⌉` copies with
    /// `floor` rounding, `⌈s⌉ + 1` otherwise (`s` the scale, ≥ 1 copies also when downsampling).
    static func nearestMultiplicityAnySize(scale: Double, coordinateMode: String, nearestMode: String) -> Int? {
        guard coordinateMode == "asymmetric", scale > 0, scale.isFinite else { return nil }
        let base = max(Int(scale.rounded(.up)), 1)
        return nearestMode == "floor" ? base : base + 1
    }

    /// A certified bound on the ℓ2 norm of linear interpolation along one axis (ONNX Resize `linear`, the
    /// source position clamped to `[0, n − 1]`): each output is `(1 − λ)·x_i + λ·x_{i+1}`, so rows sum to 1
    /// and the Schur test gives `√(max column sum)`. Column sums get a 1e-6 allowance per contribution for
    /// float32 differences at run time. `nil` for an unknown transformation.
    static func linearSchur(inSize: Int, outSize: Int, scale: Double, coordinateMode: String) -> Double? {
        guard inSize > 0, outSize > 0, scale > 0 else { return nil }
        var columns = [Double](repeating: 0, count: inSize)
        for x in 0..<outSize {
            let xf = Double(x)
            var original: Double
            switch coordinateMode {
            case "half_pixel": original = (xf + 0.5) / scale - 0.5
            case "pytorch_half_pixel": original = outSize > 1 ? (xf + 0.5) / scale - 0.5 : 0
            case "align_corners": original = outSize == 1 ? 0 : xf * Double(inSize - 1) / Double(outSize - 1)
            case "asymmetric": original = xf / scale
            default: return nil
            }
            original = min(max(original, 0), Double(inSize - 1))
            let i0 = Int(original.rounded(.down))
            let i1 = min(i0 + 1, inSize - 1)
            let lambda = original - Double(i0)
            columns[i0] += (1 - lambda) + 1e-6
            columns[i1] += lambda + 1e-6
        }
        return Outward.sqrt(Outward.up(columns.max() ?? 0))
    }
}
