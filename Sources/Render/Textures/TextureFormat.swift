import CGL
import Volume

/// How a voxel type is kept in a GL texture, and how the shader recovers the stored value.
///
/// Product decision: the texture keeps the volume's own type (2 bytes a voxel for CT), and
/// slope/intercept are applied in the shader. int16 uses GL_R16_SNORM so linear filtering works;
/// GL maps stored c to max(c / 32767, -1) (GL 4.5 §2.3.5.2), so `round(f × 32767)` recovers every
/// stored value exactly except -32768, which reads back as -32767 (measured on llvmpipe).
struct TextureFormat {
    let internalFormat: GLenum
    let pixelType: GLenum
    /// Multiplies the sampled float to give the stored value.
    let storedScale: Double
    /// True for integer voxels: with nearest sampling the shader rounds to the stored integer.
    let isInteger: Bool

    init(_ type: VoxelType) {
        switch type {
        case .int16:
            self.init(internalFormat: glEnum(GL_R16_SNORM), pixelType: glEnum(GL_SHORT), storedScale: 32767, isInteger: true)
        case .uint16:
            self.init(internalFormat: glEnum(GL_R16), pixelType: glEnum(GL_UNSIGNED_SHORT), storedScale: 65535, isInteger: true)
        case .float32:
            self.init(internalFormat: glEnum(GL_R32F), pixelType: glEnum(GL_FLOAT), storedScale: 1, isInteger: false)
        }
    }

    private init(internalFormat: GLenum, pixelType: GLenum, storedScale: Double, isInteger: Bool) {
        self.internalFormat = internalFormat
        self.pixelType = pixelType
        self.storedScale = storedScale
        self.isInteger = isInteger
    }
}
