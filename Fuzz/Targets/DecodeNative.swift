// fuzz-modules: DICOM
// Native (uncompressed) pixel decoding after both kinds of read: from a full read's bytes and, as the
// file loader does, from a metadata-only read whose pixel bytes are fetched when decoded. Each decode
// is preceded by `checkPixelBudget()` (set LIGHTBOX_FUZZ_NO_PREFLIGHT=1 to fuzz unguarded callers).
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecodeNative(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = FuzzSupport.data(bytes, size)
    let limits = FuzzSupport.decodeLimits
    if let file = try? DICOMFile.parse(data, mode: .full, limits: limits, name: "fuzz") { FuzzSupport.decode(file) }
    if let file = try? DICOMFile.parse(data, mode: .metadataOnly, limits: limits, name: "fuzz") { FuzzSupport.decode(file) }
    return 0
}
