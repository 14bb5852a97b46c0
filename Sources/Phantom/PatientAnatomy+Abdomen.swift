import Volume

extension PatientAnatomy {
    /// The abdominal and pelvic organs: liver with its vessels, spleen, stomach with a gas cap, pancreas, kidneys
    /// with their collecting systems, small bowel loops, the colon with gas and stool, the bladder, iliac vessels.
    static func abdomen() -> [Part] {
        let wall = BodyShape.intersection(trunk(inset: 30), diaphragm)
        let liver = BodyShape.intersection(.smoothUnion(
            .ellipsoid(Vector3(-65, 0, 150), Vector3(82, 90, 68)), .ellipsoid(Vector3(15, -45, 172), Vector3(58, 36, 32)), k: 25), wall)
        let hilum = Vector3(-35, 0, 140)
        let hepatic = [Vector3(-1, 0.1, 0.35), Vector3(-0.7, -0.6, 0.4), Vector3(-0.6, 0.5, -0.3), Vector3(0.9, -0.45, 0.3)]
        let liverVessels = BodyShape.union(hepatic.enumerated().map { n, d in vesselTree(from: hilum, direction: d, length: 30, radius: 5, generations: 3, id: 64 + n) })
        let stomach = BodyShape.ellipsoid(Vector3(50, -30, 168), Vector3(42, 36, 45))
        var parts = [
            Part("liver", liver, .liver),
            Part("liver vessels", .intersection(liverVessels, liver), .liverVessel, pet: false),
            Part("portal vein", .chain([Vector3(-5, 0, 105), Vector3(-30, 0, 130), hilum], r0: 7, r1: 7), .venousBlood),
            Part("spleen", .intersection(.ellipsoid(Vector3(88, 55, 165), long: Vector3(0.35, -0.45, 0.8), Vector3(55, 30, 20)), wall), .spleen),
            Part("stomach", .intersection(stomach, wall), [(0, .stomachWall), (4, .stomachContent)]),
            Part("stomach gas", .intersection(.intersection(.ellipsoid(Vector3(50, -30, 168), Vector3(38, 32, 41)), .above(174)), wall), .gas),
            Part("pancreas", .chain([Vector3(78, 35, 135), Vector3(40, 12, 128), Vector3(0, -5, 122), Vector3(-30, -10, 115)], r0: 10, r1: 14), .pancreas),
        ]
        for (s, z) in [(-1.0, 75.0), (1, 95)] {
            let long = Vector3(s * 0.15, 0.2, 1)
            parts.append(Part("kidney", .ellipsoid(Vector3(s * 71, 50, z), long: long, Vector3(52, 27, 23)), [(0, .kidneyCortex), (6, .kidneyMedulla)]))
            parts.append(Part("renal pelvis", .ellipsoid(Vector3(s * 52, 42, z), long: long, Vector3(20, 8, 8)), .urine))
            parts.append(Part("ureter", .chain([Vector3(s * 48, 40, z - 15), Vector3(s * 50, 25, -40), Vector3(s * 40, 10, -135)], r0: 2.5, r1: 2.5), .urine, pet: false))
        }
        let bowel: [(depth: Double, tissue: BodyTissue)] = [(0, .bowelWall), (2.5, .bowelContent)]
        parts.append(Part("small bowel", .blobs(region: .ellipsoid(Vector3(10, -30, 5), Vector3(105, 58, 85)), grain: 20, threshold: -0.1, noise: SeededNoise(seed: 4)), bowel))
        parts.append(Part("colon", .chain([
            Vector3(-95, -25, -60), Vector3(-105, 5, 40), Vector3(-85, -35, 95), Vector3(-30, -75, 70), Vector3(30, -75, 75),
            Vector3(95, -20, 130), Vector3(105, 15, 40), Vector3(95, 10, -40), Vector3(45, -30, -85), Vector3(0, 20, -110), Vector3(0, 65, -160),
        ], r0: 20, r1: 16), [(0, .bowelWall), (3, .colonContent)]))
        parts.append(Part("bladder", .ellipsoid(Vector3(0, -45, -150), Vector3(48, 38, 36)), [(0, .bladderWall), (3, .urine)]))
        let bifurcation = Vector3(12, spineY(-38) - 30, -38)
        parts.append(Part("iliac arteries", .union([-1.0, 1].map { s in
            .chain([bifurcation, Vector3(s * 45, spineY(-95) - 35, -95), Vector3(s * 75, -15, -150), Vector3(s * 88, -25, -230)], r0: 7, r1: 5)
        }), .arterialBlood))
        parts.append(Part("iliac veins", .union([-1.0, 1].map { s in
            .chain([Vector3(-22, spineY(-40) - 22, -42), Vector3(s * 40, spineY(-95) - 25, -100), Vector3(s * 80, -5, -160), Vector3(s * 95, -15, -230)], r0: 8, r1: 6)
        }), .venousBlood))
        return parts
    }
}
