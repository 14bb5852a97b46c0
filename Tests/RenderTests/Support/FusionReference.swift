import Render
import Volume

/// The CPU side of the fusion formulas (as `FusionView` documents them), for oracle tests.
enum FusionReference {
    /// The RGB a fused pixel must have: grey CT, PET colour blended at `opacity` where present and above threshold.
    static func fused(ct: Double?, pet: Double?, view: FusionView) -> (Int, Int, Int) {
        let grey = Double(ct.map { view.ctWindow.apply($0) } ?? 0)
        guard let pet, pet > view.threshold else { return (Int(grey), Int(grey), Int(grey)) }
        let e = view.colormap[view.petWindow.index(pet)]
        let a = view.opacity
        func mix(_ c: UInt8) -> Int { Int((grey * (1 - a) + Double(c) * a + 0.5).rounded(.down)) }
        return (mix(e.r), mix(e.g), mix(e.b))
    }

    /// The PET display value at a world point with nearest sampling on the PET's own grid, or nil outside it.
    static func petNearest(_ pet: ImageVolume, at world: Vector3, factor: Double) -> Double? {
        let q = pet.geometry.worldToIndex.transformPoint(world)
        let d = Vector3(pet.geometry.dimensions)
        guard q.x >= -0.5, q.y >= -0.5, q.z >= -0.5, q.x <= d.x - 0.5, q.y <= d.y - 0.5, q.z <= d.z - 0.5 else { return nil }
        let i = min(Int((q.x + 0.5).rounded(.down)), Int(d.x) - 1)
        let j = min(Int((q.y + 0.5).rounded(.down)), Int(d.y) - 1)
        let k = min(Int((q.z + 0.5).rounded(.down)), Int(d.z) - 1)
        return pet.value(i, j, k) * factor
    }
}
