import Raster

/// A 256-entry RGBA lookup table that colours a scalar already scaled to 0…255 (entry 0 for the low
/// end of a window, entry 255 for the high end). Uploaded as a 1D texture and read with `texelFetch`,
/// so the shader and a CPU reference pick the same entry for the same index.
public struct Colormap: Sendable, Equatable, Hashable {
    /// One table entry.
    public struct Entry: Sendable, Equatable, Hashable {
        public var r: UInt8
        public var g: UInt8
        public var b: UInt8
        public var a: UInt8

        public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
            self.r = r
            self.g = g
            self.b = b
            self.a = a
        }
    }

    /// A short name, e.g. "hot iron"; also the key of the colormap's texture.
    public let name: String
    /// Exactly 256 entries.
    public let entries: [Entry]

    /// Number of entries every colormap has.
    public static let count = 256

    /// A table from exactly 256 entries; nil for any other count.
    public init?(name: String, entries: [Entry]) {
        guard entries.count == Self.count else { return nil }
        self.name = name
        self.entries = entries
    }

    /// A table that interpolates linearly between control points (position 0…1, colour); positions
    /// must start at 0, end at 1 and increase. Entry n sits at position n / 255, channels rounded half up.
    init(name: String, controlPoints: [(position: Double, colour: Entry)]) {
        precondition(controlPoints.first?.position == 0 && controlPoints.last?.position == 1, "control points span 0…1")
        self.name = name
        entries = (0..<Self.count).map { n in
            let t = Double(n) / Double(Self.count - 1)
            let upper = controlPoints.firstIndex { $0.position >= t } ?? controlPoints.count - 1
            guard upper > 0 else { return controlPoints[0].colour }
            let (p0, c0) = controlPoints[upper - 1], (p1, c1) = controlPoints[upper]
            let f = (t - p0) / (p1 - p0)
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * f + 0.5).rounded(.down)) }
            return Entry(r: mix(c0.r, c1.r), g: mix(c0.g, c1.g), b: mix(c0.b, c1.b), a: mix(c0.a, c1.a))
        }
    }

    /// Entry `index`, clamped to 0…255.
    public subscript(index: Int) -> Entry { entries[min(max(index, 0), Self.count - 1)] }

    /// The entry as a Raster colour.
    public func colour(_ index: Int) -> RGBAColor {
        let e = self[index]
        return (e.r, e.g, e.b, e.a)
    }
}
