#if Server
import Jobs

/// What a request path asks for: a rendered resource (PS3.18 `…/rendered`, `…/thumbnail`, `…/renderedmpr`,
/// `…/rendered3d` at its level), or a QIDO-RS search or metadata request to pass to the origin. Every UID in
/// the path is checked (digits and dots only), so no path can name anything but a DICOM object.
enum ServedPath: Equatable {
    case rendered(level: RenderedResourceLevel, kind: RenderedResourceKind)
    /// QIDO-RS (`studies`, `studies/{s}/series`, `…/instances`, `series`, `instances`) or metadata (`…/metadata`).
    case passThrough(String)

    /// The path's meaning, or a 404 naming what is served.
    static func parse(_ path: String) throws(ServeError) -> ServedPath {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        func uid(_ index: Int, _ role: String) throws(ServeError) -> String {
            do { try RenderedResourceLevel.checkUID(parts[index], role: role) } catch { throw ServeError(status: error.httpStatus, error.message) }
            return parts[index]
        }
        let notServed = ServeError(.notFound, "\(path.prefix(200)) is not served: ask for studies/{uid}[/series/{uid}[/instances/{uid}[/frames/{list}]]]/"
            + "rendered or …/thumbnail, series/{uid}[/instances/{uid}]/renderedmpr or …/rendered3d, a QIDO-RS search or …/metadata")
        guard let last = parts.last, !parts.contains(""), !parts.contains(where: { $0.hasPrefix(".") || $0.hasSuffix(".") || $0.contains("..") })
        else { throw notServed }
        if let kind = RenderedResourceKind(pathComponent: last) {
            let names = parts.dropLast()
            let expected = ["studies", "series", "instances", "frames"]
            guard names.count % 2 == 0, names.count >= 2, names.count <= 8,
                  names.enumerated().allSatisfy({ $0.offset % 2 == 1 || $0.element == expected[$0.offset / 2] })
            else { throw notServed }
            let values = Array(names)
            do {
                let level = try RenderedResourceLevel(
                    study: values[1], series: values.count > 3 ? values[3] : nil, instance: values.count > 5 ? values[5] : nil,
                    frames: values.count > 7 ? values[7] : nil)
                return .rendered(level: level, kind: kind)
            } catch { throw ServeError(status: error.httpStatus, error.message) }
        }
        // QIDO-RS and metadata: names and UIDs alternate as the standard spells them.
        let searches: Set<[String]> = [
            ["studies"], ["series"], ["instances"], ["studies", "", "series"], ["studies", "", "instances"],
            ["studies", "", "series", "", "instances"], ["series", "", "instances"],
            ["studies", "", "metadata"], ["studies", "", "series", "", "metadata"], ["studies", "", "series", "", "instances", "", "metadata"],
        ]
        let shape = parts.enumerated().map { $0.offset % 2 == 1 ? "" : $0.element }
        guard searches.contains(shape) else { throw notServed }
        for index in stride(from: 1, to: parts.count, by: 2) { _ = try uid(index, parts[index - 1]) }
        return .passThrough(parts.joined(separator: "/"))
    }
}
#endif
