/// The scalar type a volume keeps its voxels in.
///
/// Memory per voxel is a product decision: CT-like series whose slices share one
/// rescale stay in their stored 16-bit form (2 bytes a voxel, rescale applied by
/// the consumer); series with per-slice rescale (PET) become Float32 with the
/// rescale applied at insert (4 bytes a voxel), because no single 16-bit scale
/// would represent every slice exactly.
public enum VoxelType: String, Sendable, Codable {
    case int16, uint16, float32

    /// Bytes per voxel.
    public var byteCount: Int { self == .float32 ? 4 : 2 }

    /// The type for a series: stored 16-bit when every slice is 8/16-bit single-sample with one
    /// rescale, else Float32.
    public static func choose(for slices: [SliceMetadata]) -> VoxelType {
        guard let first = slices.first else { return .float32 }
        let oneRescale = slices.allSatisfy { $0.rescale.slope == first.rescale.slope && $0.rescale.intercept == first.rescale.intercept }
        let small = slices.allSatisfy { $0.bitsAllocated <= 16 && $0.samplesPerPixel == 1 }
        let sameSign = slices.allSatisfy { $0.isSigned == first.isSigned }
        guard oneRescale, small, sameSign else { return .float32 }
        return first.isSigned ? .int16 : .uint16
    }
}
