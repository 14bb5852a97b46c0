/// Every error the NIfTI reader throws; each message names the file and the numbers involved.
public enum NIfTIError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file could not be opened or read. Fix: check the path and permissions.
    case unreadable(file: String, reason: String)
    /// The first bytes are no NIfTI-1 or NIfTI-2 header (sizeof_hdr 348 or 540 in either byte order, magic
    /// "n+1"/"ni1"/"n+2"). Fix: pass a .nii or .nii.gz file.
    case notNIfTI(file: String, reason: String)
    /// The header describes no usable image (a dimension ≤ 0, more than 7 dimensions, a bad voxel offset…).
    case invalidHeader(file: String, reason: String)
    /// The datatype code is one this reader does not turn into scalar voxels (complex, RGB, float128…).
    case unsupportedDatatype(file: String, code: Int)
    /// The header declares more voxel bytes than a file of this size can hold (for .nii.gz: more than the
    /// deflate format can expand to). Cause: a corrupt or hostile header. Nothing was allocated.
    case implausibleSize(file: String, declaredBytes: Int, fileBytes: Int, reason: String)
    /// The voxel data ends before the header's dimensions are filled. Cause: a cut-off copy. Fix: fetch it again.
    case truncated(file: String, neededBytes: Int, availableBytes: Int)
    /// The gzip stream is damaged.
    case inflateFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read (\(reason))"
        case .notNIfTI(let file, let reason): return "\(file): not a NIfTI-1 or NIfTI-2 file (\(reason))"
        case .invalidHeader(let file, let reason): return "\(file): invalid NIfTI header: \(reason)"
        case .unsupportedDatatype(let file, let code):
            return "\(file): NIfTI datatype \(code) is not supported (supported: uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64)"
        case .implausibleSize(let file, let declared, let fileBytes, let reason):
            return "\(file): the header declares \(declared) voxel bytes but the file has \(fileBytes) bytes (\(reason)); nothing was read"
        case .truncated(let file, let needed, let available):
            return "\(file): the voxel data ends after \(available) of \(needed) bytes; the file is cut off"
        case .inflateFailed(let file, let reason): return "\(file): damaged gzip stream (\(reason))"
        }
    }
}
