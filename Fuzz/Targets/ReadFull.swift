// fuzz-modules: DICOM
// Full Part 10 read (pixel data included) of arbitrary bytes, then every value read back and every
// encapsulated frame assembled. Finds: crashes, overreads, hangs and allocations a header can force.
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReadFull(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? DICOMFile.parse(FuzzSupport.data(bytes, size), mode: .full, name: "fuzz") else { return 0 }
    FuzzSupport.touch(file.meta)
    FuzzSupport.touch(file.dataSet)
    if file.encapsulatedPixelData != nil {
        for index in 0..<min(file.numberOfFrames, 8) { _ = try? file.encapsulatedFrame(index) }
        _ = try? file.encapsulatedFrame(file.numberOfFrames)
    }
    return 0
}
