// fuzz-modules: NIfTI
// NIfTI-1/2 header parsing (both byte orders), the affine nibabel would choose, the size bounds, then the same
// bytes as a file (plain, and the first bytes as gzip) opened and read slice by slice as the nifti: loader does.
import Foundation
import NIfTI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNIfTIHeader(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = [UInt8](UnsafeBufferPointer(start: bytes, count: size))
    if let header = try? NIfTIHeader(input, file: "fuzz") {
        _ = header.bestAffineLPS
        _ = header.declaredBytes
        _ = header.scaling
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-nifti-\(getpid()).nii")
    guard (try? Data(input).write(to: url)) != nil else { return 0 }
    defer { try? FileManager.default.removeItem(at: url) }
    guard let file = try? NIfTIFile(url: url) else { return 0 }
    for k in 0..<min(file.header.spatialDimensions.z, 4) { _ = try? file.sliceValues(k) }
    return 0
}
