import Foundation

/// One pixel codec: the bytes of one encapsulated frame in, stored-type samples out.
///
/// The output layout is the same as native decoding: `description.decodedBytesPerFrame` bytes, samples interleaved
/// per pixel, native byte order, stored type (Bits Allocated, Pixel Representation), values masked to Bits Stored
/// and sign-extended as native decoding does. No rescale and no colour conversion beyond what the codec itself
/// implies (JPEG 2000 RCT/ICT are inverted by the codec, so those frames come out RGB).
///
/// Decoders must check the size the stream declares against Rows × Columns × Samples per Pixel × Bits Allocated
/// before writing, never write past `buffer`, and report every failure as a `DICOMError` naming file and frame.
public protocol FrameDecoder: Sendable {
    /// A short name for messages ("RLE Lossless", "JPEG Lossless (Swift)", "JPEG 2000 (OpenJPEG)").
    var codecName: String { get }

    /// Checks, without decoding and without allocating for the output, that the frame's own header (codestream
    /// size, RLE segment table, byte count) describes the image the data set declares and that the coded bytes
    /// can fill it where the codec bounds its compression. Called before an output buffer is allocated, so a
    /// data set that claims gigabytes its frames do not describe costs nothing. `decode` checks the same again.
    func checkHeader(_ fragmentData: Data, description: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError)

    /// Decodes `fragmentData` (the frame's fragments concatenated) into `buffer`, which holds at least
    /// `description.decodedBytesPerFrame` bytes. `fileName` and `frameIndex` are only used in errors.
    func decode(_ fragmentData: Data, description: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError)
}

/// The one table of frame decoders, by transfer syntax UID.
public enum FrameDecoders {
    /// Every registered decoder by transfer syntax UID.
    public static let table: [String: any FrameDecoder] = {
        let jpeg = LibJPEGDecoder()
        let lossless = JPEGLosslessDecoder()
        let j2k = OpenJPEGDecoder(codecName: "JPEG 2000 (OpenJPEG)")
        let htj2k = OpenJPEGDecoder(codecName: "HTJ2K (OpenJPEG)")
        let jpegLS = JPEGLSDecoder()
        return [
            TransferSyntax.encapsulatedUncompressed.uid: EncapsulatedNativeDecoder(),
            TransferSyntax.rleLossless.uid: RLEDecoder(),
            TransferSyntax.jpegBaseline.uid: jpeg,
            TransferSyntax.jpegExtended.uid: jpeg,
            TransferSyntax.jpegLossless.uid: lossless,
            TransferSyntax.jpegLosslessSV1.uid: lossless,
            TransferSyntax.jpegLSLossless.uid: jpegLS,
            TransferSyntax.jpegLSNearLossless.uid: jpegLS,
            TransferSyntax.jpeg2000Lossless.uid: j2k,
            TransferSyntax.jpeg2000.uid: j2k,
            TransferSyntax.htj2kLossless.uid: htj2k,
            TransferSyntax.htj2kLosslessRPCL.uid: htj2k,
            TransferSyntax.htj2k.uid: htj2k,
        ]
    }()

    /// The decoder for `syntax`, or nil when this layer cannot decode it.
    public static func decoder(for syntax: TransferSyntax) -> (any FrameDecoder)? { table[syntax.uid] }
}

/// Helpers shared by the decoders.
enum FrameOutput {
    /// "64 × 64 × 1 samples of 16 bits (8192 bytes)".
    static func describe(_ d: PixelDescription) -> String {
        "\(d.rows) × \(d.columns) × \(d.samplesPerPixel) samples of \(d.bitsAllocated) bits (\(d.decodedBytesPerFrame) bytes)"
    }

    /// Checks the caller's buffer and the bit depth before anything is written.
    static func checkBuffer(_ buffer: UnsafeMutableRawBufferPointer, _ d: PixelDescription, codec: String,
                            frame: Int, name: String, bitsAllocated allowed: Set<Int>) throws(DICOMError) {
        guard buffer.count >= d.decodedBytesPerFrame else {
            throw .bufferTooSmall(needed: d.decodedBytesPerFrame, available: buffer.count)
        }
        guard allowed.contains(d.bitsAllocated), !d.isFloat else {
            throw .unsupportedCodecFeature(name: name, frame: frame, codec: codec,
                                           feature: "Bits Allocated \(d.bitsAllocated)\(d.isFloat ? " float" : "")")
        }
    }

    /// Masks decoded samples to Bits Stored (after shifting down by High Bit + 1 − Bits Stored) and sign-extends
    /// them when Pixel Representation is 1: the same normalisation native decoding applies.
    static func normalize(_ buffer: UnsafeMutableRawBufferPointer, _ d: PixelDescription) {
        guard !d.isFloat, d.bitsStored < d.bitsAllocated else { return }
        switch d.bitsAllocated {
        case 8: normalize(UInt8.self, buffer, d)
        case 16: normalize(UInt16.self, buffer, d)
        case 32: normalize(UInt32.self, buffer, d)
        default: break
        }
    }

    private static func normalize<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, _ buffer: UnsafeMutableRawBufferPointer,
                                                                          _ d: PixelDescription) {
        let size = MemoryLayout<T>.size
        let count = min(buffer.count / size, d.samplesPerFrame)
        let shift = T(truncatingIfNeeded: d.highBit + 1 - d.bitsStored)
        let mask: T = T.max >> T(truncatingIfNeeded: T.bitWidth - d.bitsStored)
        let signBit: T = 1 << T(truncatingIfNeeded: d.bitsStored - 1)
        let signed = d.pixelRepresentation == 1
        for i in 0..<count {
            var value = (buffer.loadUnaligned(fromByteOffset: i * size, as: T.self) >> shift) & mask
            if signed, value & signBit != 0 { value |= ~mask }
            buffer.storeBytes(of: value, toByteOffset: i * size, as: T.self)
        }
    }
}

/// Encapsulated Uncompressed Explicit VR Little Endian (1.2.840.10008.1.2.1.98): each frame's fragments hold the
/// native bytes of that frame.
struct EncapsulatedNativeDecoder: FrameDecoder {
    var codecName: String { "Encapsulated Uncompressed" }

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        guard fragmentData.count >= d.storedBytesPerFrame else {
            throw .decodedSizeMismatch(name: fileName, frame: frameIndex, codec: codecName,
                                       expected: "\(d.storedBytesPerFrame) bytes",
                                       actual: "\(fragmentData.count) bytes")
        }
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        guard buffer.count >= d.decodedBytesPerFrame else {
            throw .bufferTooSmall(needed: d.decodedBytesPerFrame, available: buffer.count)
        }
        try checkHeader(fragmentData, description: d, frameIndex: frameIndex, fileName: fileName)
        var single = d
        single.numberOfFrames = 1
        fragmentData.withUnsafeBytes { source in
            NativePixelDecoder.decodeFrame(0, of: single, from: source, bigEndian: false,
                                           into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<d.decodedBytesPerFrame]))
        }
    }
}
