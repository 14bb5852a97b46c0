import Volume

/// The query-string checks behind `RenderedResourceRequest.parse`: which parameters each resource defines
/// (PS3.18 Tables 8.3.5-1, 8.3.5-2 and 8.3.5-3), their syntax and their bounds.
struct RenderedQueryParser {
    let kind: RenderedResourceKind
    /// Name → value, each name once.
    private var values: [String: String] = [:]
    private var ignored: [String] = []

    /// The most query parameters one request may carry, and the longest value.
    static let maximumParameters = 64
    static let maximumValueLength = 1024

    /// The parameters of §8.3.5.1 (rendered), §8.3.5.2 (thumbnail) and §8.3.5.3 (volumetric, which also takes §8.3.5.1's).
    static let renderedNames: Set<String> = ["accept", "annotation", "charset", "quality", "viewport", "window", "iccprofile"]
    static let thumbnailNames: Set<String> = ["accept", "charset", "viewport"]
    static let volumetricNames: Set<String> = [
        "volumeinputreference", "match", "renderingmethod", "orientation", "viewpointposition", "viewpointlookat", "viewpointup",
        "mprslab", "swivelrange", "volumetriccurvepoint", "animationstepsize", "animationrate", "renderedvolumetricmetadata",
    ]

    init(kind: RenderedResourceKind, query: [(String, String)]) throws(RenderedResourceError) {
        self.kind = kind
        guard query.count <= Self.maximumParameters else {
            throw .tooLarge("the query holds \(query.count) parameters; at most \(Self.maximumParameters)")
        }
        let defined: Set<String>
        switch kind {
        case .rendered: defined = Self.renderedNames
        case .thumbnail: defined = Self.thumbnailNames
        case .renderedMPR, .rendered3D: defined = Self.renderedNames.union(Self.volumetricNames)
        }
        for (name, value) in query {
            guard defined.contains(name) else {
                ignored.append(String(name.prefix(64)))
                continue
            }
            guard value.utf8.count <= Self.maximumValueLength else {
                throw .invalidParameter(name: name, value: String(value.prefix(40)) + "…", reason: "longer than \(Self.maximumValueLength) characters")
            }
            guard values[name] == nil else { throw .duplicateParameter(name: name) }
            values[name] = value
        }
    }

    func request(level: RenderedResourceLevel, acceptHeader: String?) throws(RenderedResourceError) -> RenderedResourceRequest {
        var ignored = self.ignored
        if values["charset"] != nil { ignored.append("charset") }   // images carry no text
        if let icc = values["iccprofile"] {
            guard ["no", "yes", "srgb", "adobergb", "rommrgb"].contains(icc) else {
                throw .invalidParameter(name: "iccprofile", value: icc, reason: "must be no, yes, srgb, adobergb or rommrgb")
            }
            if icc != "no" { ignored.append("iccprofile") }   // no ICC profile is embedded
        }
        let volume = kind.isVolumetric ? try volumeParameters(ignored: &ignored) : nil
        let metadataOnly = volume?.metadataOnly ?? false
        let accept = values["accept"].map { (text: $0, source: "the accept parameter") } ?? acceptHeader.map { (text: $0, source: "the Accept header") }
        let mediaType = try RenderedMediaNegotiation.choose(accept?.text, source: accept?.source ?? "", metadata: metadataOnly)
        return RenderedResourceRequest(
            level: level, kind: kind, mediaType: mediaType, quality: try quality(), viewport: try viewport(), window: try window(),
            annotations: try annotations(), volume: volume, ignoredParameters: ignored)
    }

    // MARK: - §8.3.5.1

    private func quality() throws(RenderedResourceError) -> Int? {
        guard let text = values["quality"] else { return nil }
        guard let q = RenderedNumber.unsignedInteger(text, maximumDigits: 3), (1...100).contains(q) else {
            throw .invalidParameter(name: "quality", value: text, reason: "must be an integer 1…100")
        }
        return q
    }

    private func viewport() throws(RenderedResourceError) -> RenderedViewport? {
        guard let text = values["viewport"] else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let side = RenderedResourceRequest.maximumViewportSide
        guard parts.count == 2 || (parts.count == 6 && kind != .thumbnail) else {
            let form = kind == .thumbnail ? "vw,vh" : "vw,vh or vw,vh,sx,sy,sw,sh"
            throw .invalidParameter(name: "viewport", value: text, reason: "must be \(form)")
        }
        guard let w = RenderedNumber.unsignedInteger(parts[0], maximumDigits: 5), let h = RenderedNumber.unsignedInteger(parts[1], maximumDigits: 5),
              (RenderedResourceRequest.minimumViewportSide...side).contains(w), (RenderedResourceRequest.minimumViewportSide...side).contains(h) else {
            throw .invalidParameter(name: "viewport", value: text, reason: "vw and vh must be whole numbers of pixels, \(RenderedResourceRequest.minimumViewportSide)…\(side)")
        }
        guard parts.count == 6 else { return RenderedViewport(width: w, height: h) }
        var region: [Double] = []   // checked so a bad region reads as such, then refused as not rendered yet
        for part in parts[2...] {
            guard let v = RenderedNumber.decimal(part), abs(v) <= 1e6 else {
                throw .invalidParameter(name: "viewport", value: text, reason: "sx, sy, sw and sh must be finite numbers of source pixels (at most 10⁶)")
            }
            region.append(v)
        }
        guard region[0] >= 0, region[1] >= 0 else {
            throw .invalidParameter(name: "viewport", value: text, reason: "sx and sy (the region's top-left corner) must not be negative")
        }
        guard region[2] != 0, region[3] != 0 else {
            throw .invalidParameter(name: "viewport", value: text, reason: "sw and sh (the region's size) must not be 0; a negative size flips")
        }
        throw .unsupported("viewport=\(text): a source region (sx,sy,sw,sh) is not rendered yet; give viewport=\(w),\(h) for the whole image")
    }

    private func window() throws(RenderedResourceError) -> RenderedWindow? {
        guard let text = values["window"] else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || parts.count == 2 else {
            throw .invalidParameter(name: "window", value: text, reason: "must be center,width,function (function: linear, linear-exact or sigmoid)")
        }
        guard let centre = RenderedNumber.decimal(parts[0]), let width = RenderedNumber.decimal(parts[1]), abs(centre) <= 1e7, width <= 1e7 else {
            throw .invalidParameter(name: "window", value: text, reason: "center and width must be finite numbers (at most 10⁷)")
        }
        let function: RenderedWindow.Function
        if parts.count == 3 {
            guard let f = RenderedWindow.Function(rawValue: parts[2]) else {
                throw .invalidParameter(name: "window", value: text, reason: "the function must be linear, linear-exact or sigmoid")
            }
            function = f
        } else {
            function = .linear
        }
        guard function == .linear else {
            throw .unsupported("window function \(function.rawValue) is not rendered; use window=\(parts[0]),\(parts[1]),linear")
        }
        guard width >= 1 else {
            throw .invalidParameter(name: "window", value: text, reason: "a linear window's width must be at least 1 (PS3.3 C.11.2.1.2)")
        }
        return RenderedWindow(centre: centre, width: width, function: function)
    }

    private func annotations() throws(RenderedResourceError) -> Set<RenderedAnnotation> {
        guard let text = values["annotation"] else { return [] }
        var set: Set<RenderedAnnotation> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let a = RenderedAnnotation(rawValue: String(item)) else {
                throw .invalidParameter(name: "annotation", value: text, reason: "must be patient, technique or both (comma-separated)")
            }
            set.insert(a)
        }
        return set
    }

    // MARK: - §8.3.5.3

    private func volumeParameters(ignored: inout [String]) throws(RenderedResourceError) -> RenderedVolumeParameters {
        for name in ["volumeinputreference", "match", "volumetriccurvepoint"] where values[name] != nil {
            let what = name == "volumetriccurvepoint" ? "curve (CROSSCURVE) animations are" : "choosing input instances is"
            throw .unsupported("\(name): \(what) not supported; the resource's series (its first volume) is rendered — leave \(name) out")
        }
        var p = RenderedVolumeParameters()
        if let text = values["renderingmethod"] {
            guard let m = RenderingMethod(rawValue: text) else {
                throw .invalidParameter(name: "renderingmethod", value: text, reason: "must be one of volume_rendered, maximum_ip, minimum_ip, average_ip")
            }
            if kind == .renderedMPR && m == .volumeRendered {
                throw .conflictingParameters("renderingmethod=volume_rendered does not apply to a Rendered MPR (a plane or slab): use maximum_ip, minimum_ip or average_ip, or ask for …/rendered3d")
            }
            p.method = m
        }
        p.camera = try camera()
        if kind == .rendered3D, values["mprslab"] != nil {
            ignored.append("mprslab")
        } else {
            p.slabThickness = try positive("mprslab", atMost: Int(RenderedVolumeParameters.maximumSlabThickness), "a slab thickness in mm")
        }
        p.swivelRange = try positive("swivelrange", atMost: 360, "an angle in degrees")
        if let text = values["animationstepsize"] {
            guard let s = RenderedNumber.unsignedInteger(text, maximumDigits: 3), (1...360).contains(s) else {
                throw .invalidParameter(name: "animationstepsize", value: text, reason: "must be a whole number of degrees, 1…360")
            }
            guard let range = p.swivelRange else {
                throw .conflictingParameters("animationstepsize needs swivelrange (curve animations are not supported)")
            }
            guard Double(s) <= range else {
                throw .conflictingParameters("animationstepsize=\(s) is larger than swivelrange=\(range): the swivel would have no frame")
            }
            p.animationStepSize = s
        }
        p.animationRate = try positive("animationrate", atMost: 1000, "frames per second")
        if let text = values["renderedvolumetricmetadata"] {
            guard text == "yes" else { throw .invalidParameter(name: "renderedvolumetricmetadata", value: text, reason: "the only value is yes") }
            p.metadataOnly = true
        }
        return p
    }

    /// The value of `name` as a number in (0, `limit`], nil when absent.
    private func positive(_ name: String, atMost limit: Int, _ what: String) throws(RenderedResourceError) -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = RenderedNumber.decimal(text), value > 0, value <= Double(limit) else {
            throw .invalidParameter(name: name, value: text, reason: "must be \(what), greater than 0 and at most \(limit)")
        }
        return value
    }

    private func camera() throws(RenderedResourceError) -> RenderedCamera? {
        let names = ["viewpointposition", "viewpointlookat", "viewpointup"]
        let given = names.filter { values[$0] != nil }
        if let text = values["orientation"] {
            guard given.isEmpty else {
                throw .conflictingParameters("orientation and \(given.joined(separator: ", ")) exclude each other (PS3.18 §8.3.5.3): give orientation, or the three viewpoint parameters")
            }
            guard let view = RenderedCamera.AnatomicView(rawValue: text) else {
                throw .invalidParameter(name: "orientation", value: text, reason: "must be one of a, p, r, l, h, f")
            }
            return .orientation(view)
        }
        guard !given.isEmpty else { return nil }
        let missing = names.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw .conflictingParameters("\(given.joined(separator: ", ")) need\(given.count == 1 ? "s" : "") \(missing.joined(separator: " and ")) too: the camera is viewpointposition, viewpointlookat and viewpointup together")
        }
        var points: [Vector3] = []
        for name in names {
            let text = values[name] ?? ""
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let limit = RenderedVolumeParameters.maximumCoordinate
            let numbers = parts.compactMap { RenderedNumber.decimal($0) }
            guard parts.count == 3, numbers.count == 3, numbers.allSatisfy({ abs($0) <= limit }) else {
                throw .invalidParameter(name: name, value: text, reason: "must be three finite numbers x,y,z in patient coordinates (mm, at most 10⁶)")
            }
            points.append(Vector3(numbers[0], numbers[1], numbers[2]))
        }
        let towards = points[0] - points[1]
        guard towards.length > 1e-6 else {
            throw .conflictingParameters("viewpointposition and viewpointlookat are the same point: the camera has no direction")
        }
        let up = points[2]
        if up.length > 1e-12, towards.normalized.cross(up.normalized).length < 1e-6 {
            throw .conflictingParameters("viewpointup is parallel to the viewing direction (viewpointposition − viewpointlookat): give an up direction across it")
        }
        return .viewpoint(position: points[0], lookAt: points[1], up: up)
    }
}
