// fuzz-modules: DICOM
// fuzz-sources: Sources/Loading/DICOMweb/MultipartParser.swift Sources/Loading/DICOMweb/DICOMwebError.swift
// The parser files are compiled into the target itself (fuzz-sources), so the rest of the Loading module and
// its HTTP client packages are not needed; add files to that line if the parser grows dependencies.
// The input is split at its first byte into a boundary length and a body, and fed in chunks of varying
// size so every boundary-straddling path runs.
import DICOM
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipartParse(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: bytes, count: size))
    let boundaryLength = min(Int(input[0] % 70) + 1, size - 1)
    let boundary = String(decoding: input[1...boundaryLength], as: UTF8.self)
    let body = input[(boundaryLength + 1)...]
    guard var parser = try? MultipartParser(boundary: boundary) else { return 0 }
    var position = body.startIndex, chunk = 1
    while position < body.endIndex {
        let end = min(body.endIndex, position + chunk)
        guard (try? parser.feed(body[position..<end])) != nil else { return 0 }
        position = end
        chunk = chunk * 3 % 997 + 1
    }
    _ = try? parser.finish()
    return 0
}
