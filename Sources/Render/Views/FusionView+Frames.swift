import Volume

extension FusionView {
    /// The one rule for fusing two volumes, used by every fusion the renderer draws and by front ends that want
    /// to refuse (or warn) before streaming: a CT and a PET are in one patient space when the FrameOfReferenceUID
    /// of their slices agrees (both absent counts as agreeing, one absent as differing, shown as "none").
    ///
    /// Throws `.frameOfReferenceMismatch` when they differ and `allowDifferent` is false; when they differ and it is
    /// true, returns the two frames of reference (for a warning); nil when they agree.
    @discardableResult
    public static func checkFramesOfReference(
        ct: ImageVolume, pet: ImageVolume, allowDifferent: Bool
    ) throws(RenderError) -> (ct: String, pet: String)? {
        let ctFrame = ct.slices.first?.frameOfReferenceUID, petFrame = pet.slices.first?.frameOfReferenceUID
        guard ctFrame != petFrame else { return nil }
        let different = (ct: ctFrame ?? "none", pet: petFrame ?? "none")
        guard allowDifferent else { throw .frameOfReferenceMismatch(ct: different.ct, pet: different.pet) }
        return different
    }
}
