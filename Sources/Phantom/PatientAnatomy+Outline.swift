import Volume

extension PatientAnatomy {
    /// The trunk's cross-sections (z, centre x, centre y, half-width, half-depth), groin to neck.
    static let trunkSections: [(Double, Double, Double, Double, Double)] = [
        (-215, 0, 5, 165, 105), (-150, 0, 8, 175, 112), (-80, 0, 5, 168, 108), (-20, 0, 0, 158, 104),
        (60, 0, -3, 150, 104), (150, 0, -3, 158, 108), (250, 0, 0, 168, 110), (340, 0, 5, 180, 104),
        (395, 0, 10, 178, 92), (425, 0, 15, 140, 78), (445, 0, 18, 80, 64), (460, 0, 20, 58, 58),
    ]
    static let headCentre = Vector3(0, 5, 565)

    /// The trunk `inset` mm inside the skin (`inset` a function of height).
    static func trunk(inset: (Double) -> Double) -> BodyShape {
        .sections(CrossSections(trunkSections.map { ($0.0, $0.1, $0.2, $0.3 - inset($0.0), $0.4 - inset($0.0)) }))
    }

    static func trunk(inset: Double) -> BodyShape { trunk { _ in inset } }

    /// The centre of the vertebral bodies (y, mm) at height z: lumbar lordosis, thoracic kyphosis, cervical lordosis.
    static func spineY(_ z: Double) -> Double { spineCurve.section(at: z).cy }
    private static let spineCurve = CrossSections([
        (-130, 0, 60, 1, 1), (-95, 0, 45, 1, 1), (-40, 0, 28, 1, 1), (60, 0, 22, 1, 1), (150, 0, 32, 1, 1),
        (280, 0, 45, 1, 1), (390, 0, 38, 1, 1), (450, 0, 24, 1, 1), (505, 0, 22, 1, 1),
    ])

    /// What lies below the two domes of the diaphragm (the right one higher): lungs end on it, the liver, spleen
    /// and stomach stay under it.
    static let diaphragm = BodyShape.union([
        .ellipsoid(Vector3(-65, -10, 95), Vector3(115, 130, 100)), .ellipsoid(Vector3(65, -10, 85), Vector3(115, 130, 100)),
    ])

    /// Thickness (mm) of subcutaneous fat at height z: more over the abdomen and hips than over the chest and neck.
    static func subcutaneousFat(_ z: Double) -> Double { z < 200 ? 20 : z < 420 ? 14 : 9 }

    /// Points inside soft-tissue structures, for checks.
    static let softLandmarks: [String: Vector3] = [
        "liver": Vector3(-90, -10, 160), "lung": Vector3(-85, 0, 300), "brain": Vector3(-40, 5, 590),
        "bladder": Vector3(0, -45, -150), "subcutaneous fat": Vector3(0, -98, 60),
        "left ventricle": Vector3(40, -30, 222), "aorta": Vector3(14, spineY(100) - 30, 100),
    ]

    /// The body outline (skin over subcutaneous fat) and what lies under it: muscle, the fat of the chest and
    /// abdominal cavities, the back muscles and psoas with thin fat planes around them.
    static func softTissues() -> [Part] {
        func legs(shrink: Double) -> BodyShape {
            .union([-1.0, 1].map { s in .capsule(a: Vector3(s * 92, 8, -185), b: Vector3(s * 100, 5, -420), ra: 84 - shrink, rb: 74 - shrink) })
        }
        func neck(shrink: Double) -> BodyShape {
            .sections(CrossSections([(430, 0, 20, 58 - shrink, 60 - shrink), (500, 0, 15, 54 - shrink, 58 - shrink)]))
        }
        let head = BodyShape.ellipsoid(headCentre, Vector3(78, 100, 100))
        let outline = BodyShape.smoothUnion(.smoothUnion(.smoothUnion(trunk(inset: 0), neck(shrink: 0), k: 30), head, k: 25), legs(shrink: 0), k: 30)
        let muscle = BodyShape.smoothUnion(.smoothUnion(trunk(inset: subcutaneousFat), neck(shrink: 8), k: 20), legs(shrink: 14), k: 20)
        let abdomen = CrossSections([
            (-150, 0, -10, 120, 70), (-90, 0, -5, 135, 80), (-20, 0, -5, 128, 84), (60, 0, -5, 122, 86),
            (150, 0, -5, 132, 90), (200, 0, -5, 136, 90),
        ])
        let backMuscles = [-1.0, 1].map { s in
            BodyShape.intersection(.sections(CrossSections(stride(from: -120.0, through: 420, by: 60).map { z in
                (z, s * 36, spineY(z) + 42, z > 380 ? 20 : 27, z > 380 ? 15 : 21)
            })), trunk(inset: { subcutaneousFat($0) + 2 }))
        }
        let psoas = [-1.0, 1].map { s in BodyShape.capsule(a: Vector3(s * 30, 42, 110), b: Vector3(s * 58, 15, -110), ra: 9, rb: 22) }
        let fascia: [(depth: Double, tissue: BodyTissue)] = [(0, .fat), (1.5, .muscle)]
        return [
            Part("body", outline, [(0, .skin), (2, .fat)]),
            Part("muscle", muscle, .muscle),
            Part("head soft tissue", .ellipsoid(headCentre, Vector3(73, 95, 95)), .muscle),
            Part("chest cavity", .sections(ribCage), .visceralFat),
            Part("abdominal cavity", .sections(abdomen), .visceralFat),
            Part("back muscles", .union(backMuscles), fascia),
            Part("psoas", .union(psoas), fascia),
        ]
    }
}
