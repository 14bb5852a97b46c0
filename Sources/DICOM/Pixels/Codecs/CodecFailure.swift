import Foundation

/// Why a frame decoder written in Swift failed, before the file name, frame and codec are attached
/// (`dicomError`). Kept free of that context so the bit-level code stays small.
enum CodecFailure: Error {
    /// The coded data is damaged or cut off.
    case corrupt(String)
    /// The stream describes another image than the data set (the message says what it describes).
    case size(String)
    /// The stream is valid but uses a feature this decoder does not implement.
    case unsupported(String)

    /// The typed error callers see, naming file, frame and codec.
    func dicomError(codec: String, _ d: PixelDescription, frame: Int, name: String) -> DICOMError {
        switch self {
        case .corrupt(let reason):
            .corruptFrame(name: name, frame: frame, codec: codec, reason: reason)
        case .size(let actual):
            .decodedSizeMismatch(name: name, frame: frame, codec: codec, expected: FrameOutput.describe(d), actual: actual)
        case .unsupported(let feature):
            .unsupportedCodecFeature(name: name, frame: frame, codec: codec, feature: feature)
        }
    }
}
