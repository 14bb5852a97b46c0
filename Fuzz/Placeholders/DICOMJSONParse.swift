// fuzz-modules: DICOM
// fuzz-sources: Sources/Loading/DICOMweb/DICOMJSON.swift Sources/Loading/DICOMweb/DICOMwebError.swift
// PLACEHOLDER — enable when the DICOMweb loader lands: git mv Fuzz/Placeholders/DICOMJSONParse.swift Fuzz/Targets/
// DICOM JSON (PS3.18 F.2) to data sets, then every value read back as the loaders do. Seeds: put a few
// QIDO/WADO metadata responses in Fuzz/Seeds/ (the script copies that folder into the seed corpus); a
// dictionary (-dict=) of JSON tokens and VR names helps: FUZZ_ARGS="-dict=Fuzz/dicom-json.dict".
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDICOMJSONParse(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let objects = try? DICOMJSON.decode(FuzzSupport.data(bytes, size)) else { return 0 }
    for object in objects.prefix(64) { FuzzSupport.touch(object.dataSet) }
    return 0
}
