import Volume

/// One rendered-resource request, its query parameters checked (PS3.18 §8.3.5): what to render, how big, through
/// which window, in which media type. `parse(level:kind:query:accept:)` makes one from the decoded query.
public struct RenderedResourceRequest: Sendable, Equatable {
    public var level: RenderedResourceLevel
    public var kind: RenderedResourceKind
    /// The media type of the images (`accept` parameter, else the Accept header; default image/jpeg).
    public var mediaType: RenderedMediaType
    /// JPEG quality 1…100 (`quality`); nil: 90, the command line's default. Ignored for PNG.
    public var quality: Int?
    /// Output size and optional source region (`viewport`); nil: the server's default size.
    public var viewport: RenderedViewport?
    /// The VOI window (`window`); nil: the window the files give (Jobs' `WindowPolicy`).
    public var window: RenderedWindow?
    /// `annotation=patient,technique`; Lightbox burns in orientation letters for either (never patient data).
    public var annotations: Set<RenderedAnnotation>
    /// The parameters of the Rendered MPR / 3D Volume resources (§8.3.5.3); nil for rendered and thumbnail.
    public var volume: RenderedVolumeParameters?
    /// Query parameters the resource does not use, ignored as PS3.18 §8.3 requires (a server may warn about them).
    public var ignoredParameters: [String]

    public init(
        level: RenderedResourceLevel, kind: RenderedResourceKind, mediaType: RenderedMediaType = .jpeg, quality: Int? = nil,
        viewport: RenderedViewport? = nil, window: RenderedWindow? = nil, annotations: Set<RenderedAnnotation> = [],
        volume: RenderedVolumeParameters? = nil, ignoredParameters: [String] = []
    ) {
        self.level = level
        self.kind = kind
        self.mediaType = mediaType
        self.quality = quality
        self.viewport = viewport
        self.window = window
        self.annotations = annotations
        self.volume = volume
        self.ignoredParameters = ignoredParameters
    }

    /// The largest viewport side accepted, pixels (a 4096 × 4096 RGBA frame is 64 MiB).
    public static let maximumViewportSide = 4096
    /// The smallest viewport side accepted, pixels (the command line's `--size` takes 16…8192).
    public static let minimumViewportSide = 16
    /// The most images one response may hold (a series' slices, frames, or a swivel's steps).
    public static let maximumImages = 2048
    /// The JPEG quality when the request gives none (the command line's `--quality` default).
    public static let defaultQuality = 90
    /// The size of a thumbnail when the request gives no viewport.
    public static let defaultThumbnailSize = 128
}

/// A media type Lightbox renders to.
public enum RenderedMediaType: String, Sendable, Equatable, CaseIterable {
    case png = "image/png"
    case jpeg = "image/jpeg"
}

/// `annotation` values (PS3.18 §8.3.5.1.1).
public enum RenderedAnnotation: String, Sendable, Hashable, CaseIterable {
    case patient, technique
}

/// `viewport=vw,vh` (PS3.18 §8.3.5.1.3): the output size in pixels. The picture is scaled to fit it, keeping its
/// aspect ratio. (A source region `sx,sy,sw,sh` is checked but not rendered yet: it is refused with a 400.)
public struct RenderedViewport: Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// `window=center,width,function` (PS3.18 §8.3.5.1.4): the VOI LUT window in rescaled units (HU for CT).
public struct RenderedWindow: Sendable, Equatable {
    /// VOI LUT Function (0028,1056) values.
    public enum Function: String, Sendable, Equatable, CaseIterable {
        case linear
        case linearExact = "linear-exact"
        case sigmoid
    }

    public var centre: Double
    public var width: Double
    public var function: Function

    public init(centre: Double, width: Double, function: Function = .linear) {
        self.centre = centre
        self.width = width
        self.function = function
    }
}
