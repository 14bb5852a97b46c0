// fuzz-modules: Segmentation
// A Part 10 file read as a DICOM Segmentation: segment list, per-frame functional groups mapped to a grid
// (positions, orientation, spacing, segment numbers), frames decoded and written into the label volume.
import DICOM
import Foundation
import Segmentation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSEGFrameMapping(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? DICOMFile.parse(FuzzSupport.data(bytes, size), name: "fuzz") else { return 0 }
    if let labels = try? LabelVolume.seg(file) {
        _ = labels.segments.map(\.voxelCount).reduce(0, +)
    }
    return 0
}
