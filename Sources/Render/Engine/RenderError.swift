import CGL

/// Everything the Render layer can fail with, each case carrying what a person needs to act.
public enum RenderError: Error, Sendable, CustomStringConvertible {
    /// OSMesa refused every context it was asked for. `attempts` lists each request, e.g. "core 4.5".
    /// Fix: check that libOSMesa is Mesa's gallium build (llvmpipe) and `MESA_GL_VERSION_OVERRIDE` is unset.
    case contextCreationFailed(attempts: [String])
    /// OSMesa could not bind the context to a buffer of this size.
    case makeCurrentFailed(width: Int, height: Int)
    /// A GL call left an error flag set. `code` is the GL enum (e.g. 0x0505 GL_OUT_OF_MEMORY).
    case glError(call: String, code: UInt32)
    /// A GLSL stage did not compile. `files` are the source strings in order (string index = position).
    case shaderCompileFailed(files: [String], log: String)
    /// A program did not link.
    case programLinkFailed(files: [String], log: String)
    /// A shader source is not among the package resources.
    case shaderMissing(name: String)
    /// The volume fits no 3D texture within `limits`, even laid out as an atlas of blocks (`TextureAtlas`) or
    /// reduced in-plane by up to 16 (`ReducedVolume`, tried when its voxels exceed the budget): its voxels (`bytes`)
    /// exceed the texture budget that much, or its blocks cannot be placed within the maximum size.
    /// Fix: crop the volume or load it with a smaller voxel type.
    case textureTooLarge(dimensions: SIMD3<Int>, bytes: Int, limits: TextureLimits)
    /// A segmentation's label volume fits no label texture (`LabelBrickLayout`: bricks in rows and slices of at most
    /// GL_MAX_3D_TEXTURE_SIZE, `maxSize`, texels). Fix: crop or resample the segmentation.
    case labelTextureTooLarge(source: String, dimensions: SIMD3<Int>, maxSize: Int)
    /// The view cannot be rendered as asked (zero size, non-positive spacing, degenerate directions).
    case invalidView(reason: String)
    /// A fusion was asked of two volumes in different frames of reference: their patient coordinates
    /// do not line up, so no overlay is meaningful. Fix: register the series first, pick the PET/CT pair of one study,
    /// or set `FusionView.allowDifferentFrames` when they are known to line up (see `FusionView.checkFramesOfReference`).
    case frameOfReferenceMismatch(ct: String, pet: String)
    /// A layout cannot be composed as asked (viewports outside the frame, a zero-sized frame).
    case invalidLayout(reason: String)
    /// A load snapshot given for a frame does not fit it: it is of a volume no viewport shows (another object,
    /// even one with the same id), or a second one for the same volume. Fix: pass one `volume.snapshot()`
    /// (or a restriction of it) per volume of the layout.
    case snapshotMismatch(volumeID: String, reason: String)

    public var description: String {
        switch self {
        case .contextCreationFailed(let attempts):
            return "OSMesa could not create a context; tried \(attempts.joined(separator: ", "))"
        case .makeCurrentFailed(let width, let height):
            return "OSMesaMakeCurrent failed for a \(width)×\(height) RGBA8 buffer"
        case .glError(let call, let code):
            return "\(call) raised GL error 0x\(String(code, radix: 16)) (\(RenderError.glErrorName(code)))"
        case .shaderCompileFailed(let files, let log):
            return "shader \(RenderError.numbered(files)) failed to compile:\n\(log)"
        case .programLinkFailed(let files, let log):
            return "program \(RenderError.numbered(files)) failed to link:\n\(log)"
        case .shaderMissing(let name):
            return "shader '\(name)' is not among the package resources (Shaders/glsl); rebuild the package"
        case .textureTooLarge(let d, let bytes, let limits):
            return "volume \(d.x)×\(d.y)×\(d.z) (\(bytes >> 20) MiB) fits no 3D texture of at most \(limits.maxBytes >> 20) MiB "
                + "and GL_MAX_3D_TEXTURE_SIZE \(limits.maxSize), even as an atlas of blocks or reduced 16× in-plane; crop it or load a smaller voxel type"
        case .labelTextureTooLarge(let source, let d, let maxSize):
            return "segmentation \(source): its \(d.x)×\(d.y)×\(d.z) label grid fits no integer 3D texture of GL_MAX_3D_TEXTURE_SIZE \(maxSize) "
                + "(it holds at most 4 G label texels in bricks of 4 × 4 × 4); crop or resample it"
        case .invalidView(let reason):
            return "invalid view: \(reason)"
        case .frameOfReferenceMismatch(let ct, let pet):
            return "CT frame of reference \(ct) differs from PET frame of reference \(pet); fusion needs one patient space"
        case .invalidLayout(let reason):
            return "invalid layout: \(reason)"
        case .snapshotMismatch(let volumeID, let reason):
            return "load snapshot of volume \(volumeID) does not fit the frame: \(reason)"
        }
    }

    /// Source files as "0=a.glsl 1=b.frag", matching the string index in GLSL logs ("1:12(3): error").
    private static func numbered(_ files: [String]) -> String {
        files.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: " ")
    }

    private static func glErrorName(_ code: UInt32) -> String {
        switch Int32(code) {
        case GL_INVALID_ENUM: return "GL_INVALID_ENUM"
        case GL_INVALID_VALUE: return "GL_INVALID_VALUE"
        case GL_INVALID_OPERATION: return "GL_INVALID_OPERATION"
        case GL_INVALID_FRAMEBUFFER_OPERATION: return "GL_INVALID_FRAMEBUFFER_OPERATION"
        case GL_OUT_OF_MEMORY: return "GL_OUT_OF_MEMORY"
        default: return "unknown"
        }
    }
}
