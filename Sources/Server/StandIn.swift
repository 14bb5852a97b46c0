// Stand-in for the rendered-resource API of the Jobs target until it is merged; deleted then.
import Foundation
import Jobs
import Raster
import Render
/// The rendered resources of PS3.18 a Lightbox server answers: Retrieve Rendered (`…/rendered`, §10.4.1.1.3),
/// Thumbnail (`…/thumbnail`, §10.4.1.1.4), Rendered MPR Volume (`…/renderedmpr`, §10.4.1.1.7) and Rendered 3D
/// Volume (`…/rendered3d`, §10.4.1.1.8).
public enum RenderedResourceKind: String, Sendable, CaseIterable {
    case rendered
    case thumbnail
    case renderedMPR = "renderedmpr"
    case rendered3D = "rendered3d"

    /// The last path component, as the standard's tables spell it.
    public var pathComponent: String { rawValue }

    /// The kind a path component names. The standard's own examples spell the volumetric ones both `renderedmpr`
    /// and `rendered3D` (B.32, B.34, B.35), so the match ignores case.
    public init?(pathComponent: String) {
        guard let kind = Self(rawValue: pathComponent.lowercased()) else { return nil }
        self = kind
    }

    /// True for the volumetric resources (MPR and 3D), whose query parameters are those of PS3.18 §8.3.5.3.
    public var isVolumetric: Bool { self == .renderedMPR || self == .rendered3D }
}
/// The target of a rendered-resource request: a study, a series, an instance, or frames of an instance, by UID.
/// Build it with `init(study:series:instance:frames:)`, which checks every UID and frame number.
public enum RenderedResourceLevel: Sendable, Equatable {
    case study(String)
    case series(study: String, series: String)
    case instance(study: String, series: String, instance: String)
    /// Frame numbers are 1-based, as in the path `…/frames/1,3,5`.
    case frames(study: String, series: String, instance: String, frames: [Int])

    /// The longest UID DICOM allows (PS3.5 §9.1).
    public static let maximumUIDLength = 64
    /// The most frames one `…/frames/{list}` path may name.
    public static let maximumFramesListed = 1024
    /// The largest frame number accepted (Number of Frames is an IS: at most 2³¹ − 1).
    public static let maximumFrameNumber = Int(Int32.max)

    /// The level named by the path's UIDs and frame list (`frames`: the comma-separated list as in the path).
    /// Throws `.invalidPath` for a UID that is empty, longer than 64 characters or holds anything but digits and
    /// dots, and for a frame list that is not a list of positive integers.
    public init(study: String, series: String? = nil, instance: String? = nil, frames: String? = nil) throws(RenderedResourceError) {
        try Self.checkUID(study, role: "study")
        guard let series else {
            guard instance == nil, frames == nil else { throw .invalidPath("an instance or frames need a series UID") }
            self = .study(study)
            return
        }
        try Self.checkUID(series, role: "series")
        guard let instance else {
            guard frames == nil else { throw .invalidPath("frames need an instance UID") }
            self = .series(study: study, series: series)
            return
        }
        try Self.checkUID(instance, role: "instance")
        guard let frames else {
            self = .instance(study: study, series: series, instance: instance)
            return
        }
        self = .frames(study: study, series: series, instance: instance, frames: try Self.frameNumbers(frames))
    }

    public var studyUID: String {
        switch self {
        case .study(let s), .series(let s, _), .instance(let s, _, _), .frames(let s, _, _, _): return s
        }
    }

    public var seriesUID: String? {
        switch self {
        case .study: return nil
        case .series(_, let s), .instance(_, let s, _), .frames(_, let s, _, _): return s
        }
    }

    public var instanceUID: String? {
        switch self {
        case .study, .series: return nil
        case .instance(_, _, let i), .frames(_, _, let i, _): return i
        }
    }

    /// The path below the DICOMweb root: `studies/{s}/series/{s}/instances/{i}/frames/{list}`.
    public var path: String {
        switch self {
        case .study(let s): return "studies/\(s)"
        case .series(let s, let r): return "studies/\(s)/series/\(r)"
        case .instance(let s, let r, let i): return "studies/\(s)/series/\(r)/instances/\(i)"
        case .frames(let s, let r, let i, let f): return "studies/\(s)/series/\(r)/instances/\(i)/frames/\(f.map(String.init).joined(separator: ","))"
        }
    }

    /// Checks one UID: 1…64 characters, digits and dots only (PS3.5 §9.1), so it can never name a path.
    public static func checkUID(_ uid: String, role: String) throws(RenderedResourceError) {
        let shown = uid.count > 80 ? String(uid.prefix(80)) + "…" : uid
        guard !uid.isEmpty else { throw .invalidPath("the \(role) UID is empty") }
        guard uid.utf8.count <= maximumUIDLength else {
            throw .invalidPath("the \(role) UID \(shown) is \(uid.utf8.count) characters long; a UID has at most \(maximumUIDLength)")
        }
        guard uid.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .invalidPath("the \(role) UID \(shown) holds characters other than digits and dots")
        }
    }

    /// The 1-based frame numbers of a `frames` path segment: a comma-separated list of positive integers.
    public static func frameNumbers(_ list: String) throws(RenderedResourceError) -> [Int] {
        let items = list.split(separator: ",", omittingEmptySubsequences: false)
        guard items.count <= maximumFramesListed else {
            throw .invalidPath("the frame list names \(items.count) frames; at most \(maximumFramesListed) in one request")
        }
        var numbers: [Int] = []
        for item in items {
            guard !item.isEmpty, item.count <= 10, item.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let n = Int(item), n >= 1, n <= maximumFrameNumber else {
                throw .invalidPath("frame \"\(item.prefix(20))\" is not a frame number (1, 2, 3 …; frames are numbered from 1)")
            }
            numbers.append(n)
        }
        return numbers
    }
}
/// Why a rendered-resource request (PS3.18 Retrieve Rendered, Thumbnail, Rendered MPR / 3D Volume) cannot be
/// answered, with the HTTP status a server returns and a message a person can act on.
public enum RenderedResourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A supported query parameter has a value that is malformed or out of range (PS3.18 §8.3: 400).
    case invalidParameter(name: String, value: String, reason: String)
    /// A query parameter was given more than once.
    case duplicateParameter(name: String)
    /// Parameters that exclude each other, or one that needs another (e.g. `orientation` with `viewpointposition`).
    case conflictingParameters(String)
    /// A standard value or resource Lightbox does not render (yet): the message names it and what works instead.
    case unsupported(String)
    /// A UID or frame number in the path is not valid (only digits and dots, at most 64 characters).
    case invalidPath(String)
    /// None of the media types the client accepts is one Lightbox produces (406).
    case notAcceptable(String)
    /// The study, series, instance or frame is not there (404).
    case notFound(String)
    /// The request is valid but asks for more than the stated bounds (e.g. too many images in one response).
    case tooLarge(String)
    /// The series could not be opened or rendered; `status` follows the cause (400 bad input, 502 origin, 500 render).
    case failed(status: Int, message: String)

    /// The HTTP status a server answers with.
    public var httpStatus: Int {
        switch self {
        case .invalidParameter, .duplicateParameter, .conflictingParameters, .unsupported, .invalidPath: return 400
        case .notAcceptable: return 406
        case .notFound: return 404
        case .tooLarge: return 413
        case .failed(let status, _): return status
        }
    }

    /// What went wrong and what to change.
    public var message: String {
        switch self {
        case .invalidParameter(let name, let value, let reason): return "query parameter \(name)=\(value): \(reason)"
        case .duplicateParameter(let name): return "query parameter \(name) is given more than once; give it once"
        case .conflictingParameters(let message), .unsupported(let message), .invalidPath(let message),
             .notAcceptable(let message), .notFound(let message), .tooLarge(let message):
            return message
        case .failed(_, let message): return message
        }
    }

    public var description: String { "\(httpStatus): \(message)" }
}

/// One encoded image of a response: its bytes and media type (`image/png`, `image/jpeg`).
public struct EncodedImage: Sendable, Equatable {
    public var bytes: Data
    public var mediaType: String

    public init(bytes: Data, mediaType: String) {
        self.bytes = bytes
        self.mediaType = mediaType
    }
}

/// What a rendered-resource request produced: the images in order (one for a single frame; a series' slices, the
/// listed frames or a swivel's steps otherwise), or for `renderedvolumetricmetadata=yes` the Annex K module as
/// DICOM JSON (`application/dicom+json`) and no images; and warnings a server may pass on (ignored parameters).
public struct RenderedResourceResult: Sendable, Equatable {
    public var images: [EncodedImage]
    /// The Rendered Volume Response Module (PS3.18 Annex K) of the parameters actually used, as DICOM JSON.
    public var metadata: Data?
    public var warnings: [String]

    /// The media type of the metadata.
    public static let metadataMediaType = "application/dicom+json"

    public init(images: [EncodedImage], metadata: Data? = nil, warnings: [String] = []) {
        self.images = images
        self.metadata = metadata
        self.warnings = warnings
    }
}
public enum RenderedMediaType: String, Sendable, Equatable, CaseIterable {
    case png = "image/png"
    case jpeg = "image/jpeg"
}

public struct RenderedResourceRequest: Sendable, Equatable {
    public var level: RenderedResourceLevel
    public var kind: RenderedResourceKind
    public var mediaType: RenderedMediaType = .png
    public var size = 128
    public static let maximumImages = 2048
    public var commandLine: [String] { ["--view", "axial", "--size", "\(size)x\(size)"] }

    public static func parse(
        level: RenderedResourceLevel, kind: RenderedResourceKind, query: [(String, String)], accept: String?
    ) throws(RenderedResourceError) -> RenderedResourceRequest {
        var request = RenderedResourceRequest(level: level, kind: kind)
        for (name, value) in query where name == "viewport" {
            guard let n = Int(value.split(separator: ",").first ?? ""), n > 0, n <= 4096 else {
                throw .invalidParameter(name: name, value: value, reason: "bad")
            }
            request.size = n
        }
        return request
    }
}

public struct RenderedResourceJob: Sendable {
    public let request: RenderedResourceRequest
    public init(_ request: RenderedResourceRequest) { self.request = request }

    public func run(series: SeriesInput, in session: LightboxSession) async throws(RenderedResourceError) -> RenderedResourceResult {
        let render = RenderRequest(inputs: .series(series, seriesUID: nil), view: .mpr(.axial), width: request.size, height: request.size)
        let box = FrameBox()
        do {
            let report = try await RenderJob(render).run(in: session) { frame in box.frame = frame.frame; return nil }
            guard report.loadState == "complete" else { throw RenderedResourceError.failed(status: 502, message: "series incomplete: \(report.loadState)") }
            guard let frame = box.frame else { throw RenderedResourceError.failed(status: 500, message: "no frame") }
            return RenderedResourceResult(images: [EncodedImage(bytes: try PNGCodec.encode(frame), mediaType: "image/png")])
        } catch let error as RenderedResourceError { throw error } catch { throw .failed(status: 502, message: "\(error)") }
    }
}

private final class FrameBox: @unchecked Sendable { var frame: Frame? }
