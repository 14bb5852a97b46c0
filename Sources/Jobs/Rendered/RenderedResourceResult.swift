import Foundation

/// One encoded image of a response: its bytes and media type (`image/png`, `image/jpeg`).
public struct EncodedImage: Sendable, Equatable {
    public var bytes: Data
    public var mediaType: String

    public init(bytes: Data, mediaType: String) {
        self.bytes = bytes
        self.mediaType = mediaType
    }
}

/// What a rendered-resource request produced: the images in order (one for a single frame; a series' slices, the
/// listed frames or a swivel's steps otherwise), or for `renderedvolumetricmetadata=yes` the Annex K module as
/// DICOM JSON (`application/dicom+json`) and no images; and warnings a server may pass on (ignored parameters).
public struct RenderedResourceResult: Sendable, Equatable {
    public var images: [EncodedImage]
    /// The Rendered Volume Response Module (PS3.18 Annex K) of the parameters actually used, as DICOM JSON.
    public var metadata: Data?
    public var warnings: [String]

    /// The media type of the metadata.
    public static let metadataMediaType = "application/dicom+json"

    public init(images: [EncodedImage], metadata: Data? = nil, warnings: [String] = []) {
        self.images = images
        self.metadata = metadata
        self.warnings = warnings
    }
}
