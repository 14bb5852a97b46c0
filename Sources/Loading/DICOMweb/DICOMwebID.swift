import Foundation

/// A DICOMweb id: `dicomweb:<base URL>/studies/{study}/series/{series}` names a series (a volume);
/// `…/instances/{instance}` names an image; `…/instances/{instance}/frames/{n}` one frame (1-based).
///
/// The base URL is the WADO-RS root, e.g. `http://127.0.0.1:8042/dicom-web`. It may not carry
/// credentials (`user:pass@host`): pass those as `DICOMwebAuthorization`, which is never printed.
public struct DICOMwebID: Sendable, Hashable, CustomStringConvertible {
    public static let scheme = "dicomweb"

    /// The WADO-RS root, without a trailing slash.
    public var baseURL: String
    public var studyUID: String
    public var seriesUID: String
    public var instanceUID: String?
    /// 1-based frame number, when the id names one frame.
    public var frame: Int?

    public init(baseURL: String, studyUID: String, seriesUID: String, instanceUID: String? = nil, frame: Int? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.studyUID = studyUID
        self.seriesUID = seriesUID
        self.instanceUID = instanceUID
        self.frame = frame
    }

    /// Parses `dicomweb:<base>/studies/{uid}/series/{uid}[/instances/{uid}[/frames/{n}]]`.
    public init(parsing id: String) throws(DICOMwebError) {
        let prefix = Self.scheme + ":"
        guard id.hasPrefix(prefix) else { throw .invalidID(id: id, reason: "it does not start with '\(prefix)'") }
        var url = String(id.dropFirst(prefix.count))
        while url.hasSuffix("/") { url.removeLast() }
        guard let studies = url.range(of: "/studies/", options: .backwards) else {
            throw .invalidID(id: id, reason: "no /studies/ segment")
        }
        let base = String(url[..<studies.lowerBound])
        guard let components = URLComponents(string: base), let scheme = components.scheme,
              ["http", "https"].contains(scheme.lowercased()), components.host?.isEmpty == false
        else { throw .invalidID(id: id, reason: "the base URL must be http(s)://host[:port][/path]") }
        guard components.user == nil, components.password == nil else {
            throw .invalidID(id: Self.redactingUserInfo(id), reason: "credentials in the URL are not accepted; pass a DICOMwebAuthorization")
        }
        let parts = url[studies.upperBound...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[1] == "series", !parts[0].isEmpty, !parts[2].isEmpty else {
            throw .invalidID(id: id, reason: "expected studies/{uid}/series/{uid}")
        }
        var instance: String?
        var frame: Int?
        switch parts.count {
        case 3: break
        case 5 where parts[3] == "instances" && !parts[4].isEmpty:
            instance = parts[4]
        case 7 where parts[3] == "instances" && !parts[4].isEmpty && parts[5] == "frames":
            instance = parts[4]
            guard let n = Int(parts[6]), n >= 1 else { throw .invalidID(id: id, reason: "frame numbers start at 1") }
            frame = n
        default:
            throw .invalidID(id: id, reason: "unexpected path after the series uid")
        }
        self.init(baseURL: base, studyUID: parts[0], seriesUID: parts[2], instanceUID: instance, frame: frame)
    }

    /// The series this id belongs to.
    public var series: DICOMwebID { DICOMwebID(baseURL: baseURL, studyUID: studyUID, seriesUID: seriesUID) }

    /// The image (instance) this id belongs to, without a frame.
    public var image: DICOMwebID {
        DICOMwebID(baseURL: baseURL, studyUID: studyUID, seriesUID: seriesUID, instanceUID: instanceUID)
    }

    /// The id of instance `uid` of this series.
    public func instance(_ uid: String) -> DICOMwebID {
        DICOMwebID(baseURL: baseURL, studyUID: studyUID, seriesUID: seriesUID, instanceUID: uid)
    }

    /// The resource URL (series, instance or frame).
    public var url: String {
        var text = "\(baseURL)/studies/\(studyUID)/series/\(seriesUID)"
        if let instanceUID { text += "/instances/\(instanceUID)" }
        if let frame { text += "/frames/\(frame)" }
        return text
    }

    /// `dicomweb:` + `url`.
    public var id: String { Self.scheme + ":" + url }

    public var description: String { id }

    /// URL of the WADO-RS metadata of this series or instance.
    public var metadataURL: String { (frame == nil ? self : image).url + "/metadata" }

    /// URL of frame `n` (1-based) of this instance.
    public func frameURL(_ n: Int) -> String { image.url + "/frames/\(n)" }

    private static func redactingUserInfo(_ id: String) -> String {
        guard let at = id.firstIndex(of: "@"), let slashes = id.range(of: "://") else { return id }
        return String(id[..<slashes.upperBound]) + "<redacted>" + String(id[at...])
    }
}
