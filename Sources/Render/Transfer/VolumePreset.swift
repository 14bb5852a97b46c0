/// A volume-rendering preset: piecewise-linear scalar opacity, colour and gradient opacity, and Phong
/// shading coefficients. Scalar values are in the volume's display units (HU for CT, SUVbw for the PET
/// preset); opacities are per `TransferTable.unitDistance` mm of ray (corrected for the sample step when drawn).
public struct VolumePreset: Sendable, Equatable {
    /// (value, opacity 0…1), values non-decreasing.
    public struct OpacityPoint: Sendable, Equatable {
        public var value: Double
        public var opacity: Double
        public init(_ value: Double, _ opacity: Double) {
            self.value = value
            self.opacity = opacity
        }
    }

    /// (value, red, green, blue), channels 0…1, values non-decreasing.
    public struct ColourPoint: Sendable, Equatable {
        public var value: Double
        public var rgb: SIMD3<Double>
        public init(_ value: Double, _ r: Double, _ g: Double, _ b: Double) {
            self.value = value
            rgb = SIMD3(r, g, b)
        }
    }

    /// Phong coefficients; `enabled` false draws each sample in its transfer-function colour, unlit.
    public struct Shading: Sendable, Equatable {
        public var enabled: Bool
        public var ambient: Double
        public var diffuse: Double
        public var specular: Double
        public var specularPower: Double
        public init(enabled: Bool, ambient: Double, diffuse: Double, specular: Double, specularPower: Double) {
            self.enabled = enabled
            self.ambient = ambient
            self.diffuse = diffuse
            self.specular = specular
            self.specularPower = specularPower
        }

        /// Unlit.
        public static let off = Shading(enabled: false, ambient: 1, diffuse: 0, specular: 0, specularPower: 1)
    }

    public var name: String
    /// "CT", "MR" or "PT": what the preset is made for (informative; any volume can be drawn with it).
    public var modality: String
    public var description: String
    public var scalarOpacity: [OpacityPoint]
    public var colour: [ColourPoint]
    /// (gradient magnitude in display units per mm, opacity factor).
    public var gradientOpacity: [OpacityPoint]
    public var shading: Shading

    /// A preset; call `validate()` (the parsers do) before drawing one built by hand.
    public init(
        name: String, modality: String = "", description: String = "", scalarOpacity: [OpacityPoint], colour: [ColourPoint],
        gradientOpacity: [OpacityPoint] = [OpacityPoint(0, 1), OpacityPoint(1, 1)], shading: Shading = .off
    ) {
        self.name = name
        self.modality = modality
        self.description = description
        self.scalarOpacity = scalarOpacity
        self.colour = colour
        self.gradientOpacity = gradientOpacity
        self.shading = shading
    }

    /// True when the gradient opacity is 1 at every magnitude (so it needs no gradient to evaluate).
    public var gradientOpacityIsOne: Bool { gradientOpacity.allSatisfy { $0.opacity == 1 } }

    /// Checks the points: at least one per function, values finite and non-decreasing, opacities and colours in
    /// 0…1, shading coefficients finite and not negative.
    public func validate() throws(VolumePresetError) {
        func check(_ field: String, _ values: [Double], _ ranges: [[Double]]) throws(VolumePresetError) {
            guard !values.isEmpty else { throw .noPoints(preset: name, field: field) }
            for (n, v) in values.enumerated() {
                guard v.isFinite else { throw .badNumber(preset: name, field: field, point: n, reason: "value \(v) is not finite") }
                if n > 0, v < values[n - 1] {
                    throw .unsorted(preset: name, field: field, point: n, value: v, previous: values[n - 1])
                }
                for x in ranges[n] where !(0...1).contains(x) {
                    throw .outOfRange(preset: name, field: field, point: n, value: x)
                }
            }
        }
        try check("scalarOpacity", scalarOpacity.map(\.value), scalarOpacity.map { [$0.opacity] })
        try check("color", colour.map(\.value), colour.map { [$0.rgb.x, $0.rgb.y, $0.rgb.z] })
        try check("gradientOpacity", gradientOpacity.map(\.value), gradientOpacity.map { [$0.opacity] })
        let s = shading
        for (field, v) in [("ambient", s.ambient), ("diffuse", s.diffuse), ("specular", s.specular), ("specularPower", s.specularPower)]
        where !(v.isFinite && v >= 0) {
            throw .badNumber(preset: name, field: "shading." + field, point: nil, reason: "\(v) must be a finite number ≥ 0")
        }
    }
}
