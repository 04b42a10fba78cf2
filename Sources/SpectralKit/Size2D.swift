/// A pair of sizes along the two spatial axes: `h` (height, axis 1) and `w` (width, axis 2).
public struct Size2D: Sendable, Hashable, Codable, CustomStringConvertible {
    public var h: Int
    public var w: Int

    public init(_ h: Int, _ w: Int) {
        self.h = h
        self.w = w
    }

    public var product: Int { h * w }
    public var description: String { "\(h)x\(w)" }
}

/// Zero padding of a 2-D convolution, in pixels.
public struct Padding: Sendable, Hashable, Codable {
    public var top: Int
    public var left: Int
    public var bottom: Int
    public var right: Int

    public init(top: Int, left: Int, bottom: Int, right: Int) {
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
    }

    public static let zero = Padding(top: 0, left: 0, bottom: 0, right: 0)
}
