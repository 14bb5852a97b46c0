import Foundation
import Volume

extension PatientAnatomy {
    /// A branching vessel tree: a tapering segment that forks in two, `generations` times, each fork turned about an
    /// axis chosen by seeded noise (so the tree is the same every run).
    static func vesselTree(from start: Vector3, direction: Vector3, length: Double, radius: Double, generations: Int, id: Int = 1) -> BodyShape {
        let d = direction.normalized, end = start + d * length
        let segment = BodyShape.capsule(a: start, b: end, ra: radius, rb: radius * 0.85)
        guard generations > 0 else { return segment }
        let helper = abs(d.z) < 0.9 ? Vector3(0, 0, 1) : Vector3(1, 0, 0)
        let p = d.cross(helper).normalized, q = d.cross(p)
        let turn = SeededNoise(seed: 5).lattice(id, generations, 0) * .pi
        let axis = p * cos(turn) + q * sin(turn)
        let children = [1.0, -1].enumerated().map { n, sign in
            vesselTree(from: end, direction: d * cos(0.5) + axis * (sign * sin(0.5)), length: length * 0.8,
                       radius: radius * 0.78, generations: generations - 1, id: id * 2 + n)
        }
        return .union([segment] + children)
    }

    /// Lungs inside the rib cage with their vessels and airways, the heart with contrast in its chambers, and the
    /// great vessels of the chest and neck.
    static func thorax() -> [Part] {
        func lung(_ s: Double, base: Double) -> BodyShape {
            .subtraction(.intersection(.sections(CrossSections([
                (base, s * 88, 35, 55, 60), (base + 30, s * 84, 15, 68, 80), (230, s * 82, 8, 70, 88), (280, s * 80, 5, 68, 90),
                (330, s * 74, 10, 62, 80), (375, s * 60, 18, 46, 58), (408, s * 40, 25, 22, 24),
            ])), .sections(ribCage)), removing: diaphragm)
        }
        var parts: [Part] = []
        for (s, base) in [(-1.0, 140.0), (1, 130)] {
            let hilum = Vector3(s * 48, 8, 272)
            let trunks = [
                Vector3(s * 0.4, 0.1, 0.9), Vector3(s * 0.5, -0.6, 0.6), Vector3(s * 0.9, -0.4, 0.1), Vector3(s * 0.9, 0.3, -0.2),
                Vector3(s * 0.4, 0.3, -0.9), Vector3(s * 0.35, 0.85, -0.4),
            ]
            let tree = BodyShape.union(trunks.enumerated().map { n, d in
                vesselTree(from: hilum, direction: d, length: 26, radius: 5, generations: 5, id: 16 + n + (s < 0 ? 0 : 8))
            })
            parts.append(Part(s < 0 ? "right lung" : "left lung", lung(s, base: base), .lung))
            parts.append(Part("lung vessels", .intersection(tree, lung(s, base: base)), .lungVessel, pet: false))
        }
        let carina = Vector3(0, 8, 305)
        let airway: [(depth: Double, tissue: BodyTissue)] = [(0, .cartilage), (1.5, .airway)]
        parts.append(Part("trachea", .capsule(a: Vector3(0, -18, 475), b: carina, ra: 9, rb: 9), airway, pet: false))
        parts.append(Part("bronchi", .union([-1.0, 1].map { s in .capsule(a: carina, b: Vector3(s * 50, 12, 282), ra: 7, rb: 5.5) }), airway, pet: false))
        // Heart: the long axis points to the left, forward and down; the outer layer is epicardial fat.
        let axis = Vector3(0.55, -0.45, -0.7)
        parts.append(Part("heart", .ellipsoid(Vector3(22, -32, 232), long: axis, Vector3(66, 50, 46)), [(0, .visceralFat), (3, .myocardium)]))
        parts.append(Part("left ventricle", .ellipsoid(Vector3(36, -30, 222), long: axis, Vector3(40, 20, 20)), .arterialBlood))
        parts.append(Part("right ventricle", .ellipsoid(Vector3(0, -55, 228), long: axis, Vector3(40, 26, 14)), .venousBlood))
        parts.append(Part("left atrium", .ellipsoid(Vector3(22, 5, 262), Vector3(26, 17, 17)), .arterialBlood))
        parts.append(Part("right atrium", .ellipsoid(Vector3(-28, -18, 245), Vector3(24, 22, 24)), .venousBlood))
        // Great vessels: the aorta from the root over the arch down beside the spine, the pulmonary arteries, the
        // venae cavae, carotid arteries and jugular veins.
        let descending = [330.0, 280, 220, 160, 100, 40, -10, -38].map { z in Vector3(z > 150 ? 22 : 14, spineY(z) - (z > 150 ? 32 : 30), z) }
        parts.append(Part("aorta", .union([
            .chain([Vector3(8, -22, 255), Vector3(-2, -32, 290), Vector3(-2, -30, 330), Vector3(8, -10, 352), Vector3(20, 18, 345), descending[0]], r0: 15, r1: 13),
            .chain(descending, r0: 12.5, r1: 9),
        ]), .arterialBlood))
        parts.append(Part("pulmonary arteries", .union([
            .chain([Vector3(0, -55, 250), Vector3(10, -40, 285), Vector3(40, -5, 282)], r0: 13, r1: 10),
            .chain([Vector3(10, -40, 285), Vector3(-44, -2, 278)], r0: 11, r1: 9),
        ]), .venousBlood))
        parts.append(Part("venae cavae", .union([
            .chain([Vector3(-24, spineY(-40) - 24, -40), Vector3(-26, spineY(100) - 20, 100), Vector3(-30, 10, 180), Vector3(-28, -8, 222)], r0: 11, r1: 12),
            .chain([Vector3(-28, -18, 255), Vector3(-30, -12, 345)], r0: 10, r1: 9),
        ]), .venousBlood))
        parts.append(Part("carotid arteries", .union([-1.0, 1].map { s in
            .chain([Vector3(s * 8, -8, 350), Vector3(s * 20, -14, 420), Vector3(s * 24, -12, 495)], r0: 4.5, r1: 4)
        }), .arterialBlood, pet: false))
        parts.append(Part("jugular veins", .union([-1.0, 1].map { s in
            .chain([Vector3(s * 26, -10, 350), Vector3(s * 34, -8, 420), Vector3(s * 36, 0, 495)], r0: 6.5, r1: 6)
        }), .venousBlood, pet: false))
        return parts
    }
}
