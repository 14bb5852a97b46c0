import Volume

/// The affine map from GL fragment coordinates to continuous voxel index for one view and one volume.
///
/// gl_FragCoord (fx, fy) counts from the bottom-left corner with pixel centres at +½; the world point is
/// `centre + right × (fx − width/2) × spacing + up × (fy − height/2) × spacing`, and index = worldToIndex(world).
/// Texture coordinates are then (index + ½) / dimensions. Composed in Double, handed to GLSL as floats.
struct ViewMapping {
    /// Index at fragment coordinate (0, 0).
    let origin: Vector3
    /// Index change per pixel along screen x and y.
    let dx: Vector3
    let dy: Vector3
    /// Index change per millimetre along the plane normal.
    let perMillimetreAlongNormal: Vector3

    init(plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, geometry: VolumeGeometry) {
        let toIndex = geometry.worldToIndex
        let corner = plane.centre - plane.right * (Double(width) / 2 * pixelSpacing) - plane.up * (Double(height) / 2 * pixelSpacing)
        origin = toIndex.transformPoint(corner)
        dx = toIndex.transformDirection(plane.right * pixelSpacing)
        dy = toIndex.transformDirection(plane.up * pixelSpacing)
        perMillimetreAlongNormal = toIndex.transformDirection(plane.normal)
    }

    /// Checks what every view needs before it reaches GL.
    static func validate(width: Int, height: Int, pixelSpacing: Double, maxViewport: Int) throws(RenderError) {
        guard width > 0, height > 0, width <= maxViewport, height <= maxViewport else {
            throw .invalidView(reason: "size \(width)×\(height) must be 1…\(maxViewport) pixels each way")
        }
        guard pixelSpacing > 0, pixelSpacing.isFinite else {
            throw .invalidView(reason: "pixel spacing \(pixelSpacing) mm must be positive")
        }
    }
}
