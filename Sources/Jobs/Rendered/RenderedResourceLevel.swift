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
    /// Throws `.invalidPath` for a UID that is empty, longer than 64 characters, holds anything but digits and
    /// dots or an empty component, and for a frame list that is not a list of positive integers.
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

    /// Checks one UID: 1…64 characters, numbers separated by single dots (PS3.5 §9.1; leading zeros, which some
    /// scanners write, are let through), so it can never name a path.
    public static func checkUID(_ uid: String, role: String) throws(RenderedResourceError) {
        let shown = uid.count > 80 ? String(uid.prefix(80)) + "…" : uid
        guard !uid.isEmpty else { throw .invalidPath("the \(role) UID is empty") }
        guard uid.utf8.count <= maximumUIDLength else {
            throw .invalidPath("the \(role) UID \(shown) is \(uid.utf8.count) characters long; a UID has at most \(maximumUIDLength)")
        }
        guard uid.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .invalidPath("the \(role) UID \(shown) holds characters other than digits and dots")
        }
        guard !uid.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw .invalidPath("the \(role) UID \(shown) has an empty component: dots separate numbers (1.2.840…)")
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
