import Volume

extension PatientAnatomy {
    /// The skull (outer table, diploë, inner table), the brain (grey matter over white matter) with its ventricles,
    /// the eyes, the air of the nose and maxillary sinuses, and the mandible.
    static func head() -> [Part] {
        let c = headCentre + Vector3(0, 5, 5)
        return [
            Part("skull", .ellipsoid(c, Vector3(70, 90, 88)),
                 [(0, .corticalBone), (2.5, .trabecularBone), (5, .corticalBone), (7, .csf)], pet: false),
            Part("brain", .ellipsoid(c, Vector3(61, 81, 79)), [(0, .greyMatter), (4, .whiteMatter)]),
            Part("ventricles", .union([-1.0, 1].map { s in .ellipsoid(c + Vector3(s * 9, 0, 12), Vector3(6, 26, 12)) }), .csf),
            Part("eyes", .union([-1.0, 1].map { s in .sphere(Vector3(s * 32, -72, 548), 12) }), .eye, pet: false),
            Part("nasal cavity", .ellipsoid(Vector3(0, -78, 522), Vector3(9, 20, 22)), .airway, pet: false),
            Part("maxillary sinuses", .union([-1.0, 1].map { s in .ellipsoid(Vector3(s * 26, -58, 518), Vector3(14, 16, 14)) }), .airway, pet: false),
            Part("mandible", .chain([Vector3(-55, 30, 492), Vector3(-50, -30, 468), Vector3(0, -78, 462), Vector3(50, -30, 468), Vector3(55, 30, 492)], r0: 7, r1: 7),
                 bone, pet: false),
        ]
    }

    /// A liver metastasis, a right lung nodule, a left para-aortic node and a sclerotic vertebral metastasis.
    static func lesions() -> [Lesion] {
        let l2 = vertebrae.first { $0.name == "L2" }!
        return [
            Lesion(name: "liver metastasis", centre: Vector3(-75, 10, 140), radius: 13, suv: 9, tissue: .hypodenseLesion),
            Lesion(name: "right lung nodule", centre: Vector3(-95, 10, 300), radius: 9, suv: 7, tissue: .softLesion),
            Lesion(name: "left para-aortic node", centre: Vector3(40, spineY(40) - 22, 40), radius: 9, suv: 6, tissue: .softLesion),
            Lesion(name: "vertebral metastasis", centre: l2.centre + Vector3(-8, 2, 0), radius: 7, suv: 8, tissue: .scleroticLesion),
        ]
    }
}
