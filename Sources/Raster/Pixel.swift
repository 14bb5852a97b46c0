/// An 8-bit straight-alpha colour used for drawing (fill, text); literal `(255, 0, 0, 255)` works.
public typealias RGBAColor = (r: UInt8, g: UInt8, b: UInt8, a: UInt8)

/// One pixel read from a frame; gray formats report r = g = b = value and a = the format's maximum.
public struct Pixel: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var r: UInt16
    public var g: UInt16
    public var b: UInt16
    public var a: UInt16

    public init(r: UInt16, g: UInt16, b: UInt16, a: UInt16) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// A gray pixel of `value`; `maxValue` is 255 for gray8 and 65535 for gray16.
    public init(gray value: UInt16, maxValue: UInt16 = 255) {
        self.init(r: value, g: value, b: value, a: maxValue)
    }

    public var description: String { "(r: \(r), g: \(g), b: \(b), a: \(a))" }
}
