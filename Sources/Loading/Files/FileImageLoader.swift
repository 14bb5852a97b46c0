import DICOM
import Foundation
import Volume

/// Loads `file:` image ids: `file:/path/to/image.dcm`.
///
/// Metadata comes from a metadata-only read (pixel bytes untouched); pixels are decoded later
/// from the recorded pixel data offset, straight into the volume slice.
public final class FileImageLoader: ImageLoader, @unchecked Sendable {
    public let scheme = "file"
    public let limits: DICOMReadLimits
    private let lock = NSLock()
    private var files: [String: DICOMFile] = [:]

    public init(limits: DICOMReadLimits = .default) {
        self.limits = limits
    }

    /// The image id for a path.
    public static func imageID(for url: URL) -> String { "file:" + url.path }

    /// The path of an image id.
    public static func url(of imageID: String) -> URL {
        URL(fileURLWithPath: String(imageID.hasPrefix("file:") ? imageID.dropFirst(5) : imageID[...]))
    }

    /// The metadata-only read of an image, cached.
    public func file(for imageID: String) throws -> DICOMFile {
        if let cached = lock.withLock({ files[imageID] }) { return cached }
        let file = try DICOMFile.read(contentsOf: Self.url(of: imageID), mode: .metadataOnly, limits: limits)
        lock.withLock { files[imageID] = file }
        return file
    }

    /// Remembers a metadata-only read made elsewhere (e.g. by a `SeriesScanner`), so it is not read again.
    public func remember(_ file: DICOMFile, for imageID: String) {
        lock.withLock { files[imageID] = file }
    }

    /// Drops the headers kept for `imageIDs` (when their volume is released), so a long-lived loader does not grow.
    public func forget(_ imageIDs: [String]) {
        lock.withLock { for id in imageIDs { files[id] = nil } }
    }

    public func loadMetadata(imageID: String) async throws -> [SliceMetadata] {
        try SliceMetadata.frames(of: try file(for: imageID).dataSet, imageID: imageID)
    }

    public func loadPixels(of slice: SliceMetadata) async throws -> any PixelPayload {
        DICOMFramePayload(file: try file(for: slice.imageID), frame: slice.frameIndex, rescale: slice.rescale, label: slice.label)
    }
}

/// One frame of a DICOM file, decoded when written into its slice.
struct DICOMFramePayload: PixelPayload {
    let file: DICOMFile
    let frame: Int
    let rescale: Rescale
    let label: String

    func write(into destination: UnsafeMutableRawBufferPointer, as voxelType: VoxelType) throws {
        try VoxelWriter.write(frame: frame, of: file, into: destination, as: voxelType, rescale: rescale, imageLabel: label)
    }
}
