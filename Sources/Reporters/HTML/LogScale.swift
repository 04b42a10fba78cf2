import Foundation

/// A base-10 logarithmic axis covering whole decades around a set of positive values, mapped to a pixel
/// range. Larger values map to smaller pixel coordinates (up on the page); the map is strictly monotone.
struct LogScale {
    /// The axis spans `10^lowDecade ... 10^highDecade` (at least one decade).
    let lowDecade: Int
    let highDecade: Int
    /// Pixel coordinate of `10^lowDecade` (bottom) and of `10^highDecade` (top).
    let bottom: Double
    let top: Double

    /// The decades around the finite positive entries of `values` (1 ... 10 when there are none).
    init(covering values: [Double], bottom: Double, top: Double) {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        let low = Int(floor(log10(positive.min() ?? 1)))
        var high = Int(ceil(log10(positive.max() ?? 10)))
        if high <= low { high = low + 1 }
        self.lowDecade = low
        self.highDecade = high
        self.bottom = bottom
        self.top = top
    }

    /// Whether `value` can be drawn on a log axis.
    static func isDrawable(_ value: Double) -> Bool { value > 0 && value.isFinite }

    /// The pixel coordinate of a positive value.
    func position(_ value: Double) -> Double {
        let t = (log10(value) - Double(lowDecade)) / Double(highDecade - lowDecade)
        return bottom + (top - bottom) * t
    }

    /// Tick values with their labels: every decade (every second or more when there are many), and the
    /// 2× and 5× values inside each decade when the axis spans at most two decades.
    var ticks: [(value: Double, label: String, major: Bool)] {
        let span = highDecade - lowDecade
        let step = max(1, (span + 7) / 8)
        var out: [(Double, String, Bool)] = []
        for decade in lowDecade...highDecade {
            let value = pow(10, Double(decade))
            if (decade - lowDecade) % step == 0 || decade == highDecade {
                out.append((value, HTMLText.number(value, .nearest), true))
            }
            if span <= 2, decade < highDecade {
                for factor in [2.0, 5.0] { out.append((value * factor, HTMLText.number(value * factor, .nearest), false)) }
            }
        }
        return out
    }
}
