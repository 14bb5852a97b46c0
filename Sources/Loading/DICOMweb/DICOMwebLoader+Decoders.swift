import DICOM
import Foundation

extension DICOMwebLoader {
    /// The DICOM layer's decoders (RLE, JPEG family, JPEG 2000, JPEG-LS) in the loader's form, by transfer
    /// syntax UID: pass them with `frameRequest: .anyTransferSyntax` to take frames as the server stores them
    /// and decode here, instead of asking the server to transcode.
    public static let layerDecoders: [String: FrameDecoder] = FrameDecoders.table.mapValues { decoder in
        { encoded, description in
            var output = [UInt8](repeating: 0, count: description.decodedBytesPerFrame)
            try output.withUnsafeMutableBytes { buffer in
                try decoder.decode(Data(encoded), description: description, frameIndex: 0, fileName: "DICOMweb frame", into: buffer)
            }
            return output
        }
    }
}
