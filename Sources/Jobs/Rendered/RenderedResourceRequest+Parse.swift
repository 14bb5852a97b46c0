extension RenderedResourceRequest {
    /// Checks every query parameter of PS3.18 §8.3.5 for `kind` and makes the request.
    ///
    /// - `query`: the decoded name/value pairs in order (names are matched case-sensitively, as the standard
    ///   spells them in lower case); `accept`: the Accept header, used when there is no `accept` parameter.
    /// - Parameters the resource does not define are ignored and listed in `ignoredParameters` (§8.3: "shall ignore
    ///   any unsupported Query Parameters"); a defined parameter with a bad value, or given twice, is a 400;
    ///   no acceptable media type is a 406.
    public static func parse(
        level: RenderedResourceLevel, kind: RenderedResourceKind, query: [(String, String)], accept: String?
    ) throws(RenderedResourceError) -> RenderedResourceRequest {
        try RenderedQueryParser(kind: kind, query: query).request(level: level, acceptHeader: accept)
    }
}
