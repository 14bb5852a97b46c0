import CDICOMCodecs
import Foundation

/// Calls one of the C decoders in CDICOMCodecs and turns its result code into a typed error. With `buffer` nil
/// the C function reads and checks the stream's header only (nothing is decoded or allocated for the output).
private func runCDecoder(
    _ fragmentData: Data, _ d: PixelDescription, frame: Int, name: String, codec: String,
    into buffer: UnsafeMutableRawBufferPointer?,
    _ call: (UnsafePointer<UInt8>, Int, dicom_codec_expect, UnsafeMutablePointer<UInt8>?, Int,
             UnsafeMutablePointer<dicom_codec_info>, UnsafeMutablePointer<CChar>) -> Int32
) throws(DICOMError) {
    guard !fragmentData.isEmpty else {
        throw .corruptFrame(name: name, frame: frame, codec: codec, reason: "the frame has no bytes")
    }
    let expect = dicom_codec_expect(width: Int32(d.columns), height: Int32(d.rows), components: Int32(d.samplesPerPixel),
                                    bytes_per_sample: Int32(d.bitsAllocated / 8))
    var info = dicom_codec_info()
    var message = [CChar](repeating: 0, count: Int(DICOM_CODEC_MESSAGE_CAPACITY))
    let output = buffer.map { UnsafeMutableRawBufferPointer(rebasing: $0[0..<d.decodedBytesPerFrame]) }
    let code = fragmentData.withUnsafeBytes { source in
        call(source.baseAddress!.assumingMemoryBound(to: UInt8.self), source.count, expect,
             output?.baseAddress!.assumingMemoryBound(to: UInt8.self), d.decodedBytesPerFrame, &info, &message)
    }
    let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    switch Int(code) {
    case Int(DICOM_CODEC_OK):
        if let output { FrameOutput.normalize(output, d) }
    case Int(DICOM_CODEC_SIZE_MISMATCH):
        throw .decodedSizeMismatch(
            name: name, frame: frame, codec: codec, expected: FrameOutput.describe(d),
            actual: "\(info.height) × \(info.width) × \(info.components) samples of \(info.precision) bits (\(reason))")
    case Int(DICOM_CODEC_UNSUPPORTED):
        throw .unsupportedCodecFeature(name: name, frame: frame, codec: codec, feature: reason)
    default:
        throw .corruptFrame(name: name, frame: frame, codec: codec, reason: reason.isEmpty ? "decoder failed" : reason)
    }
}

/// JPEG Baseline (Process 1) and Extended (Process 2 & 4), 8-bit, through libjpeg-turbo.
///
/// Colour: frames whose Photometric Interpretation is YBR_FULL or YBR_FULL_422 come out as full-resolution
/// Y Cb Cr (no colour conversion, matching pydicom's raw values); RGB frames come out RGB: converted only when the
/// stream says it is YCbCr-coded (JFIF marker or Adobe transform 1), else taken as coded. 12-bit JPEG (Process 4) goes to `JPEGDCTDecoder`: Debian's
/// libjpeg62-turbo is built for 8-bit samples only.
struct LibJPEGDecoder: FrameDecoder {
    var codecName: String { "JPEG (libjpeg-turbo)" }

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        try run(fragmentData, d, frameIndex, fileName, into: nil)
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: frameIndex, name: fileName,
                                    bitsAllocated: [8, 16])
        try run(fragmentData, d, frameIndex, fileName, into: buffer)
    }

    /// Decodes into `buffer`, or checks the header only when it is nil.
    private func run(_ fragmentData: Data, _ d: PixelDescription, _ frameIndex: Int, _ fileName: String,
                     into buffer: UnsafeMutableRawBufferPointer?) throws(DICOMError) {
        if let header = JPEGMarkers.frameHeader(fragmentData) {
            if header.isLossless {
                // Mislabelled lossless stream: decode it as such rather than refuse.
                let lossless = JPEGLosslessDecoder()
                guard let buffer else {
                    return try lossless.checkHeader(fragmentData, description: d, frameIndex: frameIndex, fileName: fileName)
                }
                return try lossless.decode(fragmentData, description: d, frameIndex: frameIndex, fileName: fileName,
                                           into: buffer)
            }
            if header.precision == 12 {
                // Process 4: Debian's libjpeg-turbo is built for 8-bit samples only.
                let twelveBit = JPEGDCTDecoder()
                guard let buffer else {
                    return try twelveBit.checkHeader(fragmentData, description: d, frameIndex: frameIndex, fileName: fileName)
                }
                return try twelveBit.decode(fragmentData, description: d, frameIndex: frameIndex, fileName: fileName,
                                            into: buffer)
            }
        }
        guard d.bitsAllocated == 8 else {
            throw .decodedSizeMismatch(name: fileName, frame: frameIndex, codec: codecName,
                                       expected: FrameOutput.describe(d), actual: "8-bit JPEG samples")
        }
        let keepYBR = d.photometricInterpretation.hasPrefix("YBR")
        try runCDecoder(fragmentData, d, frame: frameIndex, name: fileName, codec: codecName, into: buffer) {
            dicom_jpeg_decode($0, $1, keepYBR ? 0 : 1, $2, $3, $4, $5, $6)
        }
    }
}

/// JPEG 2000 (Part 1, lossless and lossy) and HTJ2K (Part 15) through OpenJPEG 2.5; RCT/ICT signalled in the
/// codestream are inverted, so YBR_RCT/YBR_ICT frames come out RGB, as pydicom returns them.
struct OpenJPEGDecoder: FrameDecoder {
    let codecName: String

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        try runCDecoder(fragmentData, d, frame: frameIndex, name: fileName, codec: codecName, into: nil) {
            dicom_j2k_decode($0, $1, $2, $3, $4, $5, $6)
        }
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: frameIndex, name: fileName,
                                    bitsAllocated: [8, 16, 32])
        try runCDecoder(fragmentData, d, frame: frameIndex, name: fileName, codec: codecName, into: buffer) {
            dicom_j2k_decode($0, $1, $2, $3, $4, $5, $6)
        }
    }
}

/// JPEG-LS through CharLS 2.x (Debian's libcharls). Not a registered decoder (`JPEGLSDecoder` decodes JPEG-LS):
/// the independent reference the Swift decoder is tested and benchmarked against. Debian 12's CharLS 2.4.1 can
/// spin for minutes on some damaged streams, so give it valid ones only.
public enum CharLSReference {
    public static let codecName = "JPEG-LS (CharLS)"

    /// Decodes one frame into `buffer` (at least `d.decodedBytesPerFrame` bytes), normalised like every decoder.
    public static func decode(_ fragmentData: Data, description d: PixelDescription,
                              into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: 0, name: "reference", bitsAllocated: [8, 16])
        try runCDecoder(fragmentData, d, frame: 0, name: "reference", codec: codecName, into: buffer) {
            dicom_jpegls_decode($0, $1, $2, $3, $4, $5, $6)
        }
    }
}
