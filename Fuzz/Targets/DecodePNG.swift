// fuzz-modules: DICOM Raster
// PNG decoding as `lightbox diff` reads goldens: a typed error naming the file, or a frame; and whenever the direct
// (libdeflate) decoder takes a stream, libpng must decode it to the same frame.
import Foundation
import Raster

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecodePNG(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    do {
        let frame = try PNGCodec.decode(data, name: "fuzz.png")
        precondition(frame.samples8.count + frame.samples16.count == frame.pixelCount * frame.format.channels)
    } catch {
        precondition(error.description.hasPrefix("fuzz.png"), "an error that does not name the file: \(error)")
        switch error {
        case .notPNG, .truncated: return 0   // refused by the chunk walk before either decoder sees the stream
        default: break
        }
    }
    data.withUnsafeBytes { raw in
        guard let direct = PNGDirectDecoder.decode(raw) else { return }
        let libpng = PNGCodec.decodeWithLibpng(raw, name: "fuzz.png")
        precondition((try? libpng.get()) == direct, "the direct decoder and libpng disagree: \(libpng)")
    }
    return 0
}
