// fuzz-modules: DICOM
// Metadata-only read (what scanning an archive does), then the header values every loader reads:
// pixel description, frame size, rescale, and the pixel budget check.
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReadMetadata(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? DICOMFile.parse(FuzzSupport.data(bytes, size), mode: .metadataOnly, name: "fuzz") else { return 0 }
    FuzzSupport.touch(file.meta)
    FuzzSupport.touch(file.dataSet)
    _ = try? file.pixelDescription()
    _ = try? file.frameByteCount()
    _ = try? file.checkPixelBudget()
    _ = try? file.checkPixelBudget(frames: 1)
    _ = file.rescale(forFrame: 0)
    _ = file.pixelDataLocation
    return 0
}
