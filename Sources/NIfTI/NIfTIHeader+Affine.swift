import Volume

extension NIfTIHeader {
    /// Where the affine came from, in nibabel's order of preference.
    public enum AffineSource: String, Sendable { case sform, qform, pixdim }

    /// The voxel (i, j, k) → RAS mm affine nibabel reports (`get_best_affine`): the sform when sform_code > 0, else
    /// the qform when qform_code > 0, else the base affine of pixdim (x flipped, centred on the grid).
    public var bestAffineRAS: (matrix: Matrix4, source: AffineSource) {
        if sformCode > 0 {
            let c = (0..<4).map { col in Vector3(srow[0][col], srow[1][col], srow[2][col]) }
            return (Matrix4(x: c[0], y: c[1], z: c[2], translation: c[3]), .sform)
        }
        if qformCode > 0 { return (qformAffine, .qform) }
        return (baseAffine, .pixdim)
    }

    /// The same affine in DICOM patient space (LPS): its first two rows negated.
    public var bestAffineLPS: Matrix4 {
        let m = bestAffineRAS.matrix
        let flip = Vector3(-1, -1, 1)
        func column(_ c: Int) -> Vector3 { Vector3(m[0, c], m[1, c], m[2, c]) * flip }
        return Matrix4(x: column(0), y: column(1), z: column(2), translation: column(3))
    }

    /// The qform: the rotation of the unit quaternion (b, c, d), pixdim[1…3] (the third times qfac) and qoffset.
    var qformAffine: Matrix4 {
        let (b, c, d) = (quaternion.x, quaternion.y, quaternion.z)
        let a = max(0, 1 - (b * b + c * c + d * d)).squareRoot()
        let rotation = [
            Vector3(a * a + b * b - c * c - d * d, 2 * (b * c + a * d), 2 * (b * d - a * c)),
            Vector3(2 * (b * c - a * d), a * a + c * c - b * b - d * d, 2 * (c * d + a * b)),
            Vector3(2 * (b * d + a * c), 2 * (c * d - a * b), a * a + d * d - c * c - b * b),
        ]
        let qfac = pixdim[0] < 0 ? -1.0 : 1.0
        let zooms = Vector3(abs(pixdim[1]), abs(pixdim[2]), abs(pixdim[3]) * qfac)
        return Matrix4(x: rotation[0] * zooms.x, y: rotation[1] * zooms.y, z: rotation[2] * zooms.z, translation: qoffset)
    }

    /// nibabel's `shape_zoom_affine(shape, pixdim, x_flip=True)`: diagonal zooms, x negated, origin at the grid centre.
    var baseAffine: Matrix4 {
        let shape = Vector3(spatialDimensions)
        let zooms = Vector3(
            -(dimensions.count > 0 ? pixdim[1] : 1), dimensions.count > 1 ? pixdim[2] : 1, dimensions.count > 2 ? pixdim[3] : 1)
        let origin = (shape - 1) / 2
        return Matrix4(
            x: Vector3(zooms.x, 0, 0), y: Vector3(0, zooms.y, 0), z: Vector3(0, 0, zooms.z), translation: -origin * zooms)
    }
}
