// fuzz-modules: DICOM
// Every frame decoder on raw streams, without a Part 10 wrapper, so codec bugs are reached directly (whole files
// through the public path are DecodeNative's job; it decodes compressed syntaxes too). The first three input bytes
// pick a frame description (selector: bit 0 16-bit, bit 1 three samples, bit 2 signed, bit 3 12 bits stored, bits 4–7 the decoder;
// then rows − 1 and columns − 1, 1–256 each); the rest is the
// frame's bytes, given to one decoder: encapsulated native, RLE, libjpeg-turbo, JPEG lossless, OpenJPEG or JPEG-LS
// (selector bits 4–7, modulo 6). Seeds: Fuzz/Seeds/DecodeCompressed,
// first frames of the compressed test files in this layout (scripts/make-fuzz-seeds.py writes them).
// Each input also goes through the decoder's header check, which must accept every frame the decoder decodes.
// LIGHTBOX_FUZZ_DECODER=<index> pins one decoder (e.g. 5 for JPEG-LS) for long runs over one codec.
import DICOM
import Foundation

/// The decoders, in the order the selector's bits 4–7 pick them (scripts/make-fuzz-seeds.py uses the same order).
private let decoders: [any FrameDecoder] = [
    TransferSyntax.encapsulatedUncompressed, .rleLossless, .jpegBaseline, .jpegLossless, .jpeg2000Lossless, .jpegLSLossless,
].compactMap(FrameDecoders.decoder(for:))

/// The decoder index set by LIGHTBOX_FUZZ_DECODER, if any.
private let pinned = getenv("LIGHTBOX_FUZZ_DECODER").flatMap { Int(String(cString: $0)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecodeCompressed(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 3 else { return 0 }
    let selector = Int(bytes[0])
    let bits = selector & 1 == 0 ? 8 : 16
    let samples = selector & 2 == 0 ? 1 : 3
    var ds = DataSet()
    ds.set(.rows, .US, Int(bytes[1]) + 1)
    ds.set(.columns, .US, Int(bytes[2]) + 1)
    ds.set(.samplesPerPixel, .US, samples)
    ds.set(.photometricInterpretation, .CS, samples == 1 ? "MONOCHROME2" : "RGB")
    ds.set(.bitsAllocated, .US, bits)
    ds.set(.bitsStored, .US, bits == 16 && selector & 8 != 0 ? 12 : bits)
    ds.set(.highBit, .US, (bits == 16 && selector & 8 != 0 ? 12 : bits) - 1)
    ds.set(.pixelRepresentation, .US, selector & 4 == 0 ? 0 : 1)
    guard let description = try? PixelDescription(dataSet: ds) else { return 0 }
    let frame = Data(bytes: bytes + 3, count: size - 3)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: description.decodedBytesPerFrame, alignment: 16)
    defer { buffer.deallocate() }
    let decoder = decoders[(pinned ?? selector >> 4) % decoders.count]
    let headerAccepted = (try? decoder.checkHeader(frame, description: description, frameIndex: 0, fileName: "fuzz")) != nil
    let decoded = (try? decoder.decode(frame, description: description, frameIndex: 0, fileName: "fuzz", into: buffer)) != nil
    // Decoding a file checks every frame's header before allocating: the check must never refuse a frame that decodes.
    if decoded && !headerAccepted { fatalError("checkHeader refused a frame that \(decoder.codecName) decodes") }
    return 0
}
