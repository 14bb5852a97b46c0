/// A preset's functions sampled at `count` evenly spaced values for the shader's 1D textures.
///
/// Entry n holds the functions at value `low + n / (count − 1) × (high − low)`, where low and high are the smallest
/// and largest point values of the scalar opacity and colour; values beyond them take the end entries (as VTK's
/// clamped functions do). The shader reads the RGBA entries with linear filtering; `occupied` counts, for each n,
/// the entries 0…n with opacity > 0, so a value range whose entries all have opacity 0 (a brick that cannot show)
/// is found with two reads. `surfaces` tells where a surface lies between two samples without reading the volume.
public struct TransferTable: Sendable, Equatable {
    /// Entries of the colour-opacity table: 1.5 HU apart over CT's −3024…3071.
    public static let count = 4096
    /// Entries of the gradient-opacity table, over 0 … its largest point.
    public static let gradientCount = 256
    /// The ray length, mm, over which a preset's opacity applies as given (VTK's default scalar opacity unit distance);
    /// a sample step Δ uses 1 − (1 − α)^(Δ / unitDistance).
    public static let unitDistance = 1.0

    public let low: Double
    public let high: Double
    /// `count` × (r, g, b, opacity).
    public let rgba: [Float]
    /// `count` running counts of entries with opacity > 0.
    public let occupied: [Float]
    /// `count` × (rising, falling), in entry coordinates (entry n at n, the table read linearly between): for entry n,
    /// the ends of the run of values around it, below it (rising) and above it (falling), whose opacity reaches entry
    /// n's less `opacityRounding`. A ray whose value climbs from v0 to entry n's value met the surface that made it that
    /// opaque at max(v0, rising); a falling value, at min(v0, falling). ±`Float.greatestFiniteMagnitude` where the run
    /// reaches the table's end (the end entries hold beyond it).
    public let surfaces: [Float]
    /// Gradient magnitude of the last gradient-opacity entry (display units per mm).
    public let gradientHigh: Double
    /// `gradientCount` opacity factors over 0 … `gradientHigh`.
    public let gradientOpacity: [Float]

    public init(_ preset: VolumePreset) {
        let values = preset.scalarOpacity.map(\.value) + preset.colour.map(\.value)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high <= low { (low, high) = (low - 0.5, low + 0.5) }
        self.low = low
        self.high = high
        var rgba: [Float] = []
        var occupied: [Float] = []
        rgba.reserveCapacity(4 * Self.count)
        var running: Float = 0
        for n in 0..<Self.count {
            let v = low + Double(n) / Double(Self.count - 1) * (high - low)
            let alpha = Self.evaluate(preset.scalarOpacity.map { ($0.value, SIMD3(repeating: $0.opacity)) }, at: v).x
            let c = Self.evaluate(preset.colour.map { ($0.value, $0.rgb) }, at: v)
            rgba += [Float(c.x), Float(c.y), Float(c.z), Float(alpha)]
            if alpha > 0 { running += 1 }
            occupied.append(running)
        }
        self.rgba = rgba
        self.occupied = occupied
        surfaces = Self.surfaces(opacity: stride(from: 3, to: rgba.count, by: 4).map { rgba[$0] })
        let gHigh = preset.gradientOpacity.map(\.value).max() ?? 1
        gradientHigh = gHigh > 0 ? gHigh : 1
        gradientOpacity = (0..<Self.gradientCount).map { n in
            let g = Double(n) / Double(Self.gradientCount - 1) * (gHigh > 0 ? gHigh : 1)
            return Float(Self.evaluate(preset.gradientOpacity.map { ($0.value, SIMD3(repeating: $0.opacity)) }, at: g).x)
        }
    }

    /// Opacity read through the table's linear filter may come out a hair below a plateau's.
    public static let opacityRounding: Float = 1.0 / 1024.0

    /// `surfaces` for the entries' opacities.
    static func surfaces(opacity: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: 2 * opacity.count)
        for n in opacity.indices {
            let target = opacity[n] - opacityRounding
            out[2 * n] = runEnd(opacity, from: n, step: -1, reaching: target)
            out[2 * n + 1] = runEnd(opacity, from: n, step: 1, reaching: target)
        }
        return out
    }

    /// Walking from entry n by `step`, the entry coordinate where the opacity, linear between entries, falls below
    /// `target` (n itself when its own does).
    private static func runEnd(_ opacity: [Float], from n: Int, step: Int, reaching target: Float) -> Float {
        guard opacity[n] >= target, target > 0 else { return Float(n) }
        var m = n
        while m + step >= 0 && m + step < opacity.count {
            let next = opacity[m + step]
            if next < target {
                let t = (opacity[m] - target) / (opacity[m] - next)
                return Float(m) + Float(step) * t
            }
            m += step
        }
        return Float(step) * .greatestFiniteMagnitude
    }

    /// A piecewise-linear function through `points` (sorted; at a repeated value the later point holds from it on),
    /// constant beyond its ends.
    static func evaluate(_ points: [(Double, SIMD3<Double>)], at v: Double) -> SIMD3<Double> {
        guard let first = points.first, let last = points.last else { return .zero }
        if v < first.0 { return first.1 }
        if v >= last.0 { return last.1 }
        guard let upper = points.firstIndex(where: { $0.0 > v }) else { return last.1 }
        let a = points[upper - 1], b = points[upper]
        let t = (v - a.0) / (b.0 - a.0)
        return a.1 + (b.1 - a.1) * t
    }
}
