// fuzz-modules: DICOM
// DICOM JSON (PS3.18 F.2) to data sets, then every value read back as the loaders do. Seeds: Fuzz/Seeds/DICOMJSONParse
// (scripts/make-fuzz-seeds.py), documents covering every value form.
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDICOMJSONParse(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let objects = try? DICOMJSON.decode(FuzzSupport.data(bytes, size)) else { return 0 }
    for object in objects.prefix(64) { FuzzSupport.touch(object.dataSet) }
    return 0
}
