/// Maps id schemes to image loaders; an id is `scheme:rest`.
public struct LoaderRegistry: Sendable {
    private var loaders: [String: any ImageLoader] = [:]

    public init(_ loaders: [any ImageLoader] = []) {
        for loader in loaders { register(loader) }
    }

    /// Adds or replaces the loader for its scheme.
    public mutating func register(_ loader: any ImageLoader) { loaders[loader.scheme] = loader }

    /// The registered schemes, sorted.
    public var schemes: [String] { loaders.keys.sorted() }

    /// The scheme of an id (the text before the first colon).
    public static func scheme(of id: String) throws(LoadingError) -> String {
        guard let colon = id.firstIndex(of: ":"), colon != id.startIndex else { throw .missingScheme(id: id) }
        return String(id[..<colon])
    }

    /// The loader for an id, or an error naming the scheme and the registered ones.
    public func loader(for id: String) throws(LoadingError) -> any ImageLoader {
        let scheme = try Self.scheme(of: id)
        guard let loader = loaders[scheme] else {
            throw .unknownScheme(id: id, scheme: scheme, registered: schemes)
        }
        return loader
    }
}
