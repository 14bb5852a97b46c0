// fuzz-modules: DICOM
// PLACEHOLDER — enable when the compressed codecs land in Sources/DICOM/Pixels/Codecs:
//   1. git mv Fuzz/Placeholders/DecodeCompressed.swift Fuzz/Targets/
//   2. scripts/fuzz.sh DecodeCompressed   (the script builds the DICOM module's C shim target
//      CDICOMCodecs from Sources/CDICOMCodecs and links the libraries Package.swift declares for it)
// Drives every FrameDecoder through the public path (full read → budget check → decodeFrame), plus each
// decoder directly on the raw input as one frame of a small fixed description, so codec bugs are reached
// without a valid Part 10 wrapper. Seeds: the compressed files in .testdata (JPEG, JPEG-LS, J2K, RLE).
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecodeCompressed(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = FuzzSupport.data(bytes, size)
    if let file = try? DICOMFile.parse(data, mode: .full, name: "fuzz") { FuzzSupport.decode(file) }
    // Raw streams: uncomment once FrameDecoders exists (API as in the codecs branch).
    // var ds = DataSet()
    // ds.set(.rows, .US, 16); ds.set(.columns, .US, 16); ds.set(.bitsAllocated, .US, 16)
    // ds.set(.bitsStored, .US, 12); ds.set(.highBit, .US, 11); ds.set(.pixelRepresentation, .US, 0)
    // guard let d = try? PixelDescription(dataSet: ds) else { return 0 }
    // let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: d.decodedBytesPerFrame, alignment: 16)
    // defer { buffer.deallocate() }
    // for decoder in FrameDecoders.table.values {
    //     try? decoder.decode(data, description: d, frameIndex: 0, fileName: "fuzz", into: buffer)
    // }
    return 0
}
