/// How a view reads the volume between voxel centres.
public enum Sampling: Sendable, Equatable, Hashable {
    /// The nearest voxel (exact stored values; what the exact oracle tests use).
    case nearest
    /// Trilinear interpolation.
    case linear
}
