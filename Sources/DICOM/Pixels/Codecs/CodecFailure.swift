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

    /// Runs `body` on the frame's bytes (never empty) and turns a failure into the typed error callers see.
    static func decoding(_ fragmentData: Data, codec: String, _ d: PixelDescription, frame: Int, name: String,
                         _ body: (UnsafePointer<UInt8>, Int) throws(CodecFailure) -> Void) throws(DICOMError) {
        let result: Result<Void, CodecFailure> = fragmentData.withUnsafeBytes { source in
            guard let base = source.baseAddress, source.count > 0 else { return .failure(.corrupt("the frame has no bytes")) }
            do throws(CodecFailure) {
                try body(base.assumingMemoryBound(to: UInt8.self), source.count)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let failure) = result { throw failure.dicomError(codec: codec, d, frame: frame, name: name) }
    }
}
