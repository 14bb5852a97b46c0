// fuzz-modules: DICOM Volume
// fuzz-sources: Sources/Jobs/Rendered/RenderedQueryString.swift Sources/Jobs/Rendered/RenderedQueryParser.swift Sources/Jobs/Rendered/RenderedNumber.swift Sources/Jobs/Rendered/RenderedMediaNegotiation.swift Sources/Jobs/Rendered/RenderedResourceRequest.swift Sources/Jobs/Rendered/RenderedResourceRequest+Parse.swift Sources/Jobs/Rendered/RenderedVolumeParameters.swift Sources/Jobs/Rendered/RenderedResourceLevel.swift Sources/Jobs/Rendered/RenderedResourceKind.swift Sources/Jobs/Rendered/RenderedResourceError.swift
// The rendered-resource request parser (PS3.18 §8.3.5 query parameters, Accept negotiation, path UIDs and
// frame lists) is compiled into the target itself (fuzz-sources), so the rest of Jobs is not needed.
// Input: the first byte picks the resource (rendered, thumbnail, renderedmpr, rendered3d); the rest is split at
// newlines into the raw query, the Accept header and a path "study/series/instance/frames". Every outcome must
// be a request or a RenderedResourceError with a 4xx status and a message; a parsed request's values must be in
// the stated bounds.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRenderedQueryParse(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kinds = RenderedResourceKind.allCases
    let kind = kinds[Int(bytes[0]) % kinds.count]
    let text = String(decoding: UnsafeBufferPointer(start: bytes + 1, count: size - 1), as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    let path = lines.count > 2 ? lines[2].split(separator: "/", omittingEmptySubsequences: false).map(String.init) : []
    func checked(_ error: RenderedResourceError) {
        if !(400..<500).contains(error.httpStatus) || error.message.isEmpty { fatalError("parser error with status \(error.httpStatus): \(error.message)") }
    }
    var level = RenderedResourceLevel.series(study: "1.2.3", series: "1.2.3.4")
    if !path.isEmpty {
        do {
            level = try RenderedResourceLevel(study: path[0], series: path.count > 1 ? path[1] : nil,
                                              instance: path.count > 2 ? path[2] : nil, frames: path.count > 3 ? path[3] : nil)
        } catch { checked(error) }
    }
    do {
        let pairs = try RenderedQueryString.pairs(lines[0])
        let request = try RenderedResourceRequest.parse(level: level, kind: kind, query: pairs, accept: lines.count > 1 ? lines[1] : nil)
        let side = RenderedResourceRequest.maximumViewportSide
        if let v = request.viewport, !(16...side).contains(v.width) || !(16...side).contains(v.height) { fatalError("viewport \(v) out of bounds") }
        if let w = request.window, !(w.centre.isFinite && w.width >= 1 && w.width.isFinite) { fatalError("window \(w) out of bounds") }
        if let q = request.quality, !(1...100).contains(q) { fatalError("quality \(q) out of bounds") }
        if let s = request.volume?.slabThickness, !(s > 0 && s.isFinite) { fatalError("slab \(s) out of bounds") }
        if case .viewpoint(let p, let l, let u)? = request.volume?.camera, !(p.isFinite && l.isFinite && u.isFinite) || p == l {
            fatalError("camera \(p) \(l) \(u) out of bounds")
        }
    } catch { checked(error) }
    return 0
}
