import Volume

/// The synthetic patient of the phantom study, defined analytically in patient space (LPS, mm).
///
/// The body is an elliptic cylinder along z. Organs are placed asymmetrically so that a
/// frame shown the wrong way round is obvious: the liver is on the patient's right (−x),
/// the heart leans to the patient's left (+x), the lungs are superior (+z), the bladder
/// inferior, and the spine posterior (+y).
public struct PhantomAnatomy: Sendable {
    /// One analytic structure with its CT number and PET uptake.
    struct Structure: Sendable {
        enum Shape: Sendable {
            case ellipsoid(centre: Vector3, radii: Vector3)
            /// An infinite cylinder along z with elliptic cross-section, limited to `zRange`.
            case ellipticCylinder(centreX: Double, centreY: Double, radiusX: Double, radiusY: Double, zRange: ClosedRange<Double>)
        }
        var name: String
        var shape: Shape
        var hounsfield: Double
        /// Standardised uptake value (body weight).
        var suv: Double

        func contains(_ p: Vector3) -> Bool {
            switch shape {
            case .ellipsoid(let c, let r):
                let d = (p - c) / r
                return d.dot(d) <= 1
            case .ellipticCylinder(let cx, let cy, let rx, let ry, let zRange):
                let dx = (p.x - cx) / rx, dy = (p.y - cy) / ry
                return dx * dx + dy * dy <= 1 && zRange.contains(p.z)
            }
        }
    }

    /// Structures in painting order: later ones overwrite earlier ones.
    let structures: [Structure]

    /// A lesion: a sphere of raised uptake, visible on CT too.
    public struct Lesion: Sendable {
        public var name: String
        public var centre: Vector3
        public var radius: Double
        public var suv: Double
    }

    /// The lesions, with their world positions (tests check that PET hot spots sit there).
    public let lesions: [Lesion]

    public static let standard = PhantomAnatomy()

    init() {
        let z = -10_000.0...10_000.0
        let lesions = [
            Lesion(name: "right lung nodule", centre: Vector3(-80, 10, 70), radius: 10, suv: 8),
            Lesion(name: "liver metastasis", centre: Vector3(-60, -20, -45), radius: 12, suv: 10),
            Lesion(name: "left para-aortic node", centre: Vector3(55, 30, 5), radius: 8, suv: 6),
        ]
        self.lesions = lesions
        structures = [
            Structure(name: "body", shape: .ellipticCylinder(centreX: 0, centreY: 0, radiusX: 170, radiusY: 115, zRange: z), hounsfield: 20, suv: 1),
            Structure(name: "right lung", shape: .ellipsoid(centre: Vector3(-85, 0, 60), radii: Vector3(60, 75, 75)), hounsfield: -800, suv: 0.4),
            Structure(name: "left lung", shape: .ellipsoid(centre: Vector3(90, 5, 65), radii: Vector3(50, 70, 70)), hounsfield: -800, suv: 0.4),
            Structure(name: "heart", shape: .ellipsoid(centre: Vector3(35, -40, 25), radii: Vector3(45, 40, 40)), hounsfield: 40, suv: 4),
            Structure(name: "liver", shape: .ellipsoid(centre: Vector3(-70, -10, -40), radii: Vector3(70, 60, 45)), hounsfield: 60, suv: 2.5),
            Structure(name: "bladder", shape: .ellipsoid(centre: Vector3(0, -20, -90), radii: Vector3(30, 25, 22)), hounsfield: 10, suv: 20),
            Structure(name: "spine", shape: .ellipticCylinder(centreX: 0, centreY: 80, radiusX: 18, radiusY: 18, zRange: z), hounsfield: 700, suv: 1.5),
        ] + lesions.map {
            Structure(name: $0.name, shape: .ellipsoid(centre: $0.centre, radii: Vector3(repeating: $0.radius)), hounsfield: 45, suv: $0.suv)
        }
    }

    /// The cross-section of a structure in the axial plane at `z`: an ellipse, or nil when it misses.
    func crossSection(_ structure: Structure, z: Double) -> (cx: Double, cy: Double, rx: Double, ry: Double)? {
        switch structure.shape {
        case .ellipsoid(let c, let r):
            let t = (z - c.z) / r.z
            guard t * t <= 1 else { return nil }
            let scale = (1 - t * t).squareRoot()
            return (c.x, c.y, r.x * scale, r.y * scale)
        case .ellipticCylinder(let cx, let cy, let rx, let ry, let zRange):
            return zRange.contains(z) ? (cx, cy, rx, ry) : nil
        }
    }

    /// Paints `value(structure)` for every pixel centre of an axial `plane` inside each structure, in order.
    ///
    /// Row by row, each structure's ellipse gives one span of columns, so a slice costs
    /// rows × structures span fills rather than a containment test per pixel and structure.
    func paintAxial<T>(_ plane: ImagePlane, background: T, into pixels: inout [T], value: (Structure) -> T) {
        pixels = [T](repeating: background, count: plane.rows * plane.columns)
        let z = plane.position.z
        for structure in structures {
            guard let (cx, cy, rx, ry) = crossSection(structure, z: z) else { continue }
            for j in 0..<plane.rows {
                let y = plane.position.y + Double(j) * plane.rowSpacing
                let t = (y - cy) / ry
                guard t * t <= 1 else { continue }
                let half = rx * (1 - t * t).squareRoot()
                let first = max(0, Int(((cx - half - plane.position.x) / plane.columnSpacing).rounded(.up)))
                let last = min(plane.columns - 1, Int(((cx + half - plane.position.x) / plane.columnSpacing).rounded(.down)))
                guard first <= last else { continue }
                let v = value(structure)
                let rowStart = j * plane.columns
                for i in first...last { pixels[rowStart + i] = v }
            }
        }
    }

    /// The CT number at a world position (air outside the body).
    public func hounsfield(at p: Vector3) -> Double {
        structures.last(where: { $0.contains(p) })?.hounsfield ?? -1000
    }

    /// The SUV at a world position (zero outside the body).
    public func suv(at p: Vector3) -> Double {
        structures.last(where: { $0.contains(p) })?.suv ?? 0
    }
}
