import Foundation
import NIfTI
import Volume

/// Loads `nifti:` image ids: `nifti:/path/scan.nii.gz`, one id per file, one frame per x-y slice of every 3D
/// volume (frame `t × z + k`; the volumes of a 4D file are told apart by their temporal position).
///
/// Geometry is nibabel's best affine (sform, else qform, else pixdim) turned from RAS to LPS. Integer types of up
/// to 16 bits stay stored (scl_slope/scl_inter applied when sampling); wider and float types become Float32 with
/// the scaling applied at insert (a NaN voxel written as 0, `VoxelWriter.float32Voxel`). Slices are read when the
/// volume streams them, like every loader's.
public final class NIfTIImageLoader: ImageLoader, @unchecked Sendable {
    public let scheme = "nifti"
    private let lock = NSLock()
    private var files: [String: NIfTIFile] = [:]

    public init() {}

    /// The image id for a path.
    public static func imageID(for url: URL) -> String { "nifti:" + url.path }

    /// True for names ending in `.nii` or `.nii.gz`.
    public static func isNIfTI(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".nii") || lower.hasSuffix(".nii.gz")
    }

    /// The opened file of an id, cached.
    public func file(for imageID: String) throws -> NIfTIFile {
        if let cached = lock.withLock({ files[imageID] }) { return cached }
        let path = imageID.hasPrefix("nifti:") ? String(imageID.dropFirst(6)) : imageID
        let file = try NIfTIFile(path: path)
        lock.withLock { files[imageID] = file }
        return file
    }

    /// Drops the file kept for `imageID`.
    public func forget(_ imageID: String) { lock.withLock { files[imageID] = nil } }

    public func loadMetadata(imageID: String) async throws -> [SliceMetadata] {
        let file = try file(for: imageID)
        return try Self.frames(of: file, imageID: imageID)
    }

    public func loadPixels(of slice: SliceMetadata) async throws -> any PixelPayload {
        NIfTISlicePayload(file: try file(for: slice.imageID), frame: slice.frameIndex)
    }

    /// One `SliceMetadata` per x-y slice, in file order. The header's display range (cal_min/cal_max) is each slice's
    /// file window; without one, the range of the file's stored values is its declared stored range (a NIfTI header
    /// declares none: glmin/glmax are unused, and its datatype's range, all of int16 for a CT, shows a flat grey), read
    /// once when the file is opened.
    static func frames(of file: NIfTIFile, imageID: String) throws -> [SliceMetadata] {
        let header = file.header
        let affine = header.bestAffineLPS
        let d = header.spatialDimensions
        let i = affine.transformDirection(Vector3(1, 0, 0)), j = affine.transformDirection(Vector3(0, 1, 0))
        let (slope, intercept) = header.scaling
        let type = header.datatype
        let calibration = header.calibration
        let window = calibration.max > calibration.min && calibration.max - calibration.min >= 1
            ? FileWindow(centre: (calibration.max + calibration.min) / 2, width: calibration.max - calibration.min) : nil
        let storedRange = window == nil ? try file.storedRange() : nil
        let sidecar = NIfTISidecar(niftiURL: file.url)
        let uid = "nifti:" + file.url.path
        return (0..<header.volumeCount).flatMap { t in
            (0..<d.z).map { k in
                let plane = ImagePlane(
                    position: affine.transformPoint(Vector3(0, 0, Double(k))), rowDirection: i.normalized, columnDirection: j.normalized,
                    rowSpacing: j.length, columnSpacing: i.length, rows: d.y, columns: d.x)
                return SliceMetadata(
                    imageID: imageID, frameIndex: t * d.z + k, framesInImage: file.sliceCount, sopInstanceUID: uid, seriesInstanceUID: uid,
                    frameOfReferenceUID: nil, modality: sidecar?.modality, instanceNumber: t * d.z + k + 1, plane: plane,
                    rescale: Rescale(slope: slope, intercept: intercept), bitsAllocated: type.fitsSixteenBits ? 16 : 32,
                    isSigned: type.isSigned, nominalStep: affine.transformDirection(Vector3(0, 0, 1)).length,
                    keys: AcquisitionKeys(temporalPositionIndex: header.volumeCount > 1 ? t + 1 : nil),
                    fileWindow: window, declaredStoredRange: storedRange)
            }
        }
    }
}

/// One slice of a NIfTI file, read and converted when written into its volume slice.
struct NIfTISlicePayload: PixelPayload {
    let file: NIfTIFile
    let frame: Int

    func write(into destination: UnsafeMutableRawBufferPointer, as voxelType: VoxelType) throws {
        let header = file.header
        let z = header.spatialDimensions.z
        let voxels = header.spatialDimensions.x * header.spatialDimensions.y
        guard destination.count == voxels * voxelType.byteCount else {
            throw VolumeError.sliceSizeMismatch(image: file.name, expected: destination.count / voxelType.byteCount, actual: voxels)
        }
        let bytes = try file.sliceBytes(frame % z, volume: frame / z)
        let type = header.datatype, big = header.bigEndian
        let (slope, intercept) = header.scaling
        bytes.withUnsafeBytes { raw in
            // The file's own little-endian 16-bit voxels are the volume's as they are: copied, not converted.
            if !big, (type == .int16 && voxelType == .int16) || (type == .uint16 && voxelType == .uint16) {
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<(voxels * 2)]))
                return
            }
            switch voxelType {
            case .float32:
                let out = destination.bindMemory(to: Float.self)
                for n in 0..<voxels { out[n] = VoxelWriter.float32Voxel(type.value(at: n, of: raw, bigEndian: big) * slope + intercept) }
            case .int16:
                let out = destination.bindMemory(to: Int16.self)
                for n in 0..<voxels { out[n] = Int16(clamping: Int(type.value(at: n, of: raw, bigEndian: big))) }
            case .uint16:
                let out = destination.bindMemory(to: UInt16.self)
                for n in 0..<voxels { out[n] = UInt16(clamping: Int(type.value(at: n, of: raw, bigEndian: big))) }
            }
        }
    }
}

/// The BIDS sidecar dcm2niix writes beside a NIfTI (`scan.json` for `scan.nii.gz`): only its `Modality` is used.
struct NIfTISidecar: Decodable {
    let modality: String?

    enum CodingKeys: String, CodingKey { case modality = "Modality" }

    init?(niftiURL: URL) {
        var base = niftiURL.deletingPathExtension()
        if base.pathExtension.lowercased() == "nii" { base = base.deletingPathExtension() }
        guard let data = try? Data(contentsOf: base.appendingPathExtension("json")), data.count < 1 << 20,
              let decoded = try? JSONDecoder().decode(Self.self, from: data) else { return nil }
        self = decoded
    }
}
