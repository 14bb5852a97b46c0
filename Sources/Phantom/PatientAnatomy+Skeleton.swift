import Foundation
import Volume

extension PatientAnatomy {
    /// Bone: a cortical shell over trabecular bone.
    static let bone: [(depth: Double, tissue: BodyTissue)] = [(0, .corticalBone), (2, .trabecularBone)]

    /// One vertebra: its body's centre height, half-height, radii, and the height of the disc below it.
    struct Vertebra {
        var name: String
        var z, halfHeight, rx, ry, disc: Double
        var centre: Vector3 { Vector3(0, PatientAnatomy.spineY(z), z) }
    }

    /// L5 up to C2, each body on the spinal curve.
    static let vertebrae: [Vertebra] = {
        var out: [Vertebra] = [], top = -95.0
        func add(_ names: [String], halfHeight: (Double) -> Double, rx: (Double) -> Double, ry: (Double) -> Double, disc: Double) {
            for (n, name) in names.enumerated() {
                let t = Double(n) / Double(max(1, names.count - 1)), h = halfHeight(t)
                let z = top + disc + h
                out.append(Vertebra(name: name, z: z, halfHeight: h, rx: rx(t), ry: ry(t), disc: disc))
                top = z + h
            }
        }
        add(["L5", "L4", "L3", "L2", "L1"], halfHeight: { _ in 14 }, rx: { 26 - 3 * $0 }, ry: { 19 - 2 * $0 }, disc: 10)
        add((1...12).reversed().map { "T\($0)" }, halfHeight: { 10.5 - 2 * $0 }, rx: { 22 - 6 * $0 }, ry: { 18 - 4 * $0 }, disc: 6)
        add((2...7).reversed().map { "C\($0)" }, halfHeight: { _ in 6.5 }, rx: { _ in 14 }, ry: { _ in 10 }, disc: 4)
        return out
    }()

    /// Rib n (1…12): half-width and half-depth of its curve, how far round it goes (radians from the back), how far
    /// its front end drops (mm).
    static let ribs: [(a: Double, b: Double, sweep: Double, drop: Double)] = [
        (60, 40, 2.5, 20), (92, 55, 2.6, 40), (122, 68, 2.65, 60), (140, 76, 2.7, 75), (150, 82, 2.7, 85),
        (155, 86, 2.7, 90), (157, 88, 2.7, 95), (157, 88, 2.6, 95), (155, 86, 2.5, 90), (150, 84, 2.3, 80),
        (140, 80, 1.7, 50), (128, 76, 1.3, 35),
    ]

    /// Points along rib `n` (0-based) on side `s` (−1 right, +1 left), back to front.
    static func ribPoints(_ n: Int, side s: Double) -> [Vector3] {
        let rib = ribs[n], level = vertebrae.first { $0.name == "T\(n + 1)" }!
        let cy = spineY(level.z) + 32 - rib.b
        return (0...8).map { i in
            let theta = 0.22 + (rib.sweep - 0.22) * Double(i) / 8
            return Vector3(s * rib.a * sin(theta), cy + rib.b * cos(theta), level.z + 4 - rib.drop * Double(i) / 8)
        }
    }

    /// The inside of the rib cage (cross-sections through the ribs' mid-heights), which bounds the lungs.
    static let ribCage: CrossSections = CrossSections((0..<12).map { n in
        let rib = ribs[n], level = vertebrae.first { $0.name == "T\(n + 1)" }!
        let cy = spineY(level.z) + 32 - rib.b
        return (level.z - rib.drop / 2, 0, cy, rib.a - 7, rib.b - 6)
    } + [(430, 0, 30, 25, 20)])

    /// The skeleton's parts and landmarks.
    static func skeleton() -> (parts: [Part], landmarks: [String: Vector3]) {
        var parts: [Part] = []
        // Spine: discs first, then canal, vertebral bodies and their arches and processes.
        for v in vertebrae {
            let c = v.centre
            let below = Vector3(0, spineY(v.z - v.halfHeight - v.disc / 2), v.z - v.halfHeight - v.disc / 2)
            parts.append(Part("disc below \(v.name)", .roundedCylinder(centre: below, rx: v.rx - 1, ry: v.ry - 1, halfHeight: v.disc / 2 + 0.5, rounding: 1.5), .disc, pet: false))
            let canalRx = v.rx > 20 ? 11.0 : 8.5, canalRy = v.rx > 20 ? 9.0 : 7.5
            let canal = Vector3(0, c.y + v.ry + canalRy + 2, c.z)
            let reach = v.halfHeight + v.disc / 2
            parts.append(Part("canal at \(v.name)", .roundedCylinder(centre: canal, rx: canalRx, ry: canalRy, halfHeight: reach, rounding: 0), .csf, pet: false))
            parts.append(Part(v.name, .roundedCylinder(centre: c, rx: v.rx, ry: v.ry, halfHeight: v.halfHeight, rounding: 2), bone))
            let arch = BodyShape.subtraction(
                .roundedCylinder(centre: canal + Vector3(0, 1, 0), rx: canalRx + 7, ry: canalRy + 6, halfHeight: v.halfHeight * 0.8, rounding: 2),
                removing: .roundedCylinder(centre: canal, rx: canalRx, ry: canalRy, halfHeight: 100, rounding: 0))
            let spinous = BodyShape.capsule(a: canal + Vector3(0, canalRy + 4, 0), b: canal + Vector3(0, canalRy + (v.rx > 20 ? 24 : 20), -v.halfHeight), ra: 5, rb: 4)
            let transverse = [-1.0, 1].map { s in
                BodyShape.capsule(a: canal + Vector3(s * canalRx, -2, 0), b: canal + Vector3(s * (canalRx + (v.name.hasPrefix("T") ? 18 : 22)), 6, 0), ra: 4.5, rb: 4)
            }
            parts.append(Part("arch of \(v.name)", .union([arch, spinous] + transverse), bone, pet: false))
        }
        // Ribs with their costal cartilages, the sternum, clavicles and scapulae.
        let sternumY: (Double) -> Double = { z in -85 + 7 * (z - 270) / 125 }
        for n in 0..<12 {
            for s in [-1.0, 1] {
                let points = ribPoints(n, side: s)
                parts.append(Part("rib \(n + 1) \(s < 0 ? "right" : "left")", .chain(points, r0: 4.8, r1: 4), [(0, .corticalBone), (1.4, .trabecularBone)], pet: false))
                guard n < 10, let end = points.last else { continue }
                let target = n < 7
                    ? Vector3(s * 14, sternumY(min(390, max(275, end.z + 15))), min(390, max(275, end.z + 15)))
                    : Vector3(end.x - s * 35, end.y - 8, end.z + 25)
                parts.append(Part("costal cartilage \(n + 1)", .capsule(a: end, b: target, ra: 4, rb: 3.5), .cartilage, pet: false))
            }
        }
        parts.append(Part("sternum", .sections(CrossSections([270.0, 330, 372, 378, 395].map { z in
            (z, 0, sternumY(z), z < 375 ? 15 : 25, z < 375 ? 6.5 : 8.5)
        })), bone, pet: false))
        for s in [-1.0, 1] {
            parts.append(Part("clavicle", .chain([Vector3(s * 20, -72, 398), Vector3(s * 70, -72, 405), Vector3(s * 120, -45, 420), Vector3(s * 150, -5, 425)], r0: 7, r1: 7), bone, pet: false))
            let u = Vector3(s, -0.4, 0).normalized, w = Vector3(0, 0, 1)
            parts.append(Part("scapula", .ellipsoid(centre: Vector3(s * 108, 72, 335), axes: (u, w.cross(u), w), radii: Vector3(48, 5, 68)), bone, pet: false))
        }
        // Pelvis and femurs.
        parts.append(Part("sacrum", .ellipsoid(Vector3(0, 68, -130), long: Vector3(0, 40, -90), Vector3(55, 16, 46)), bone))
        for s in [-1.0, 1] {
            let u = Vector3(s * 80, -90, 0).normalized, w = Vector3(0, 0, 1)
            parts.append(Part("iliac wing", .ellipsoid(centre: Vector3(s * 88, 22, -62), axes: (u, w.cross(u), w), radii: Vector3(62, 9, 48)), bone))
            let hip = Vector3(s * 88, -5, -140)
            // The socket: the part of a shell round the femoral head that faces up and in.
            parts.append(Part("acetabulum", .intersection(.sphere(hip, 32), .sphere(hip + Vector3(-s * 22, 0, 22), 40)), bone))
            parts.append(Part("pubic ramus", .capsule(a: hip + Vector3(-s * 10, -12, -8), b: Vector3(s * 16, -62, -168), ra: 10, rb: 8), bone))
            parts.append(Part("ischium", .capsule(a: hip + Vector3(-s * 6, 15, -12), b: Vector3(s * 62, 28, -205), ra: 12, rb: 10), bone))
            parts.append(Part("hip joint", .sphere(hip, 25.5), .cartilage, pet: false))
            parts.append(Part("femoral head", .sphere(hip, 23.5), bone))
            parts.append(Part("femoral neck", .union([
                .capsule(a: hip, b: Vector3(s * 128, 8, -172), ra: 15, rb: 17), .sphere(Vector3(s * 132, 12, -168), 20),
            ]), bone))
            parts.append(Part("femur", .capsule(a: Vector3(s * 126, 4, -180), b: Vector3(s * 106, 2, -430), ra: 15, rb: 13),
                [(0, .corticalBone), (5, .yellowMarrow)]))
        }
        let l2 = vertebrae.first { $0.name == "L2" }!
        let landmarks = [
            "vertebral cortex": l2.centre + Vector3(0, -l2.ry + 0.7, 0),
            "femoral cortex": Vector3(116 + 14 - 2.5, 3, -305),
        ]
        return (parts, landmarks)
    }
}
