/// A tissue of the synthetic patient: its CT number (contrast-enhanced, portal-venous phase), the amplitude and grain
/// of its texture, and its FDG uptake.
enum BodyTissue: Int, Sendable, CaseIterable {
    case air, skin, fat, muscle, visceralFat, lung, lungVessel, airway, cartilage
    case arterialBlood, venousBlood, myocardium, liver, liverVessel, spleen, pancreas
    case kidneyCortex, kidneyMedulla, urine, bladderWall, bowelWall, bowelContent, colonContent, gas
    case stomachWall, stomachContent
    case corticalBone, trabecularBone, yellowMarrow, disc, csf, greyMatter, whiteMatter, eye
    case hypodenseLesion, softLesion, scleroticLesion

    /// (HU, texture amplitude HU, texture grain mm, SUVbw).
    private var values: (hu: Double, texture: Double, grain: Double, suv: Double) {
        switch self {
        case .air: (-1000, 0, 4, 0)
        case .skin: (30, 5, 2, 0.8)
        case .fat: (-105, 8, 3, 0.3)
        case .muscle: (52, 7, 2, 0.7)
        case .visceralFat: (-95, 12, 4, 0.35)
        case .lung: (-860, 30, 2.5, 0.35)
        case .lungVessel: (90, 10, 2, 1.5)
        case .airway: (-990, 5, 4, 0)
        case .cartilage: (115, 10, 2, 0.5)
        case .arterialBlood: (270, 8, 4, 1.8)
        case .venousBlood: (170, 8, 4, 1.8)
        case .myocardium: (60, 6, 3, 6)
        case .liver: (105, 7, 5, 2.2)
        case .liverVessel: (175, 6, 3, 1.8)
        case .spleen: (115, 6, 4, 1.8)
        case .pancreas: (95, 14, 2, 1.4)
        case .kidneyCortex: (185, 8, 3, 3.5)
        case .kidneyMedulla: (140, 8, 3, 2.5)
        case .urine: (15, 3, 4, 25)
        case .bladderWall: (45, 5, 2, 1.5)
        case .bowelWall: (60, 8, 2, 1.6)
        case .bowelContent: (25, 12, 5, 0.8)
        case .colonContent: (-700, 350, 6, 0.3)
        case .gas: (-990, 5, 5, 0)
        case .stomachWall: (60, 6, 2, 1.8)
        case .stomachContent: (20, 8, 6, 0.5)
        case .corticalBone: (1450, 150, 1.5, 0.4)
        case .trabecularBone: (210, 70, 1.2, 1.6)
        case .yellowMarrow: (-40, 25, 3, 0.4)
        case .disc: (85, 8, 2, 0.6)
        case .csf: (8, 3, 4, 0.3)
        case .greyMatter: (42, 3, 4, 9.5)
        case .whiteMatter: (28, 3, 4, 3.5)
        case .eye: (12, 2, 4, 0.5)
        case .hypodenseLesion: (55, 8, 3, 0)
        case .softLesion: (40, 6, 3, 0)
        case .scleroticLesion: (500, 100, 1.5, 0)
        }
    }

    /// The mean CT number, before texture and noise.
    var hounsfield: Double { values.hu }
    /// Peak amplitude (HU) of the smooth texture inside the tissue.
    var texture: Double { values.texture }
    /// Lattice spacing (mm) of that texture.
    var grain: Double { values.grain }
    /// FDG uptake, SUVbw (lesions take theirs from `PatientAnatomy.Lesion`).
    var suv: Double { values.suv }
}
