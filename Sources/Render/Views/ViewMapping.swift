import Volume

/// The affine map from GL fragment coordinates to a volume's sampling points (`SamplingSpace`) for one view.
///
/// gl_FragCoord (fx, fy) counts from the bottom-left corner with pixel centres at +½; the world point is
/// `centre + right × (fx − width/2) × spacing + up × (fy − height/2) × spacing`, and the sampling point is
/// worldToSampling(world): the voxel index for a grid, whose texture coordinates are (index + ½) / dimensions.
/// Composed in Double, handed to GLSL as floats.
struct ViewMapping {
    /// Sampling point at fragment coordinate (0, 0).
    let origin: Vector3
    /// Sampling point change per pixel along screen x and y.
    let dx: Vector3
    let dy: Vector3
    /// Sampling point change per millimetre along the plane normal.
    let perMillimetreAlongNormal: Vector3

    init(plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, space: SamplingSpace) {
        let toIndex = space.worldToSampling
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
