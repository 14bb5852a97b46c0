import Volume

/// A synthetic whole-body patient (vertex to mid-thigh) that reads as anatomy: skin and subcutaneous fat, muscle,
/// a skeleton with cortical shells over trabecular bone, lungs with vessels, contrast-enhanced heart chambers and
/// vessels, abdominal organs, bowel, brain, and FDG uptake where FDG goes, with a few hot lesions.
///
/// Every structure is analytic (implicit shapes in patient space, LPS mm, textures from seeded noise), so any slice
/// can be computed alone and every run gives the same values. The head is superior (+z), the liver on the patient's
/// right (−x), the heart leans left (+x), the spine is posterior (+y).
public struct PatientAnatomy: Sendable {
    /// One painted part: a solid and the tissues of its layers from the surface inwards (a layer starts `depth` mm
    /// inside the surface and runs to the next one).
    struct Part: Sendable {
        var name: String
        var shape: BodyShape
        var layers: [(depth: Double, tissue: BodyTissue)]
        /// Whether the part shapes the PET (small or low-uptake parts are left to their surroundings there).
        var pet: Bool
        let bounds: Bounds

        init(_ name: String, _ shape: BodyShape, _ layers: [(depth: Double, tissue: BodyTissue)], pet: Bool = true) {
            self.name = name
            self.shape = shape
            self.layers = layers
            self.pet = pet
            bounds = shape.bounds
        }

        init(_ name: String, _ shape: BodyShape, _ tissue: BodyTissue, pet: Bool = true) {
            self.init(name, shape, [(0, tissue)], pet: pet)
        }

        /// The tissue `inside` mm below the surface.
        func tissue(atDepth inside: Double) -> BodyTissue {
            var tissue = layers[0].tissue
            for layer in layers.dropFirst() where inside >= layer.depth { tissue = layer.tissue }
            return tissue
        }
    }

    /// A hot lesion: a sphere of raised uptake with its own CT appearance.
    public struct Lesion: Sendable {
        public var name: String
        public var centre: Vector3
        public var radius: Double
        public var suv: Double
        let tissue: BodyTissue
    }

    /// Parts in painting order: later ones overwrite earlier ones.
    let parts: [Part]
    /// The lesions, with their world positions (tests check that PET hot spots sit there).
    public let lesions: [Lesion]
    /// Named points inside known structures, for checks: "vertebral cortex", "femoral cortex", "aorta", "left
    /// ventricle", "liver", "lung", "brain", "bladder", "subcutaneous fat".
    public let landmarks: [String: Vector3]

    public static let standard = PatientAnatomy()

    init() {
        let skeleton = Self.skeleton()
        let lesions = Self.lesions()
        self.lesions = lesions
        landmarks = skeleton.landmarks.merging(Self.softLandmarks) { a, _ in a }
        parts = Self.softTissues() + Self.thorax() + Self.abdomen() + skeleton.parts + Self.head()
            + lesions.map { Part($0.name, .sphere($0.centre, $0.radius), $0.tissue, pet: false) }
    }

    /// The innermost part containing `p` and the depth of `p` below its surface.
    private func part(at p: Vector3) -> (Part, Double)? {
        for part in parts.reversed() where part.bounds.contains(p.x, p.y, p.z) {
            let d = part.shape.distance(p.x, p.y, p.z)
            if d <= 0 { return (part, -d) }
        }
        return nil
    }

    /// The tissue at a world position (air outside the body).
    func tissue(at p: Vector3) -> BodyTissue {
        part(at: p).map { $0.0.tissue(atDepth: $0.1) } ?? .air
    }

    /// The mean CT number at a world position, before texture and noise (air outside the body).
    public func hounsfield(at p: Vector3) -> Double { tissue(at: p).hounsfield }

    /// The FDG uptake (SUVbw) at a world position before blurring and noise (zero outside the body).
    public func suv(at p: Vector3) -> Double {
        if let lesion = lesions.last(where: { ($0.centre - p).length <= $0.radius }) { return lesion.suv }
        return tissue(at: p).suv
    }
}
