import Foundation
import Render
import Volume

/// How one image of a rendered response is drawn: the render request, and the `lightbox render` options that make
/// the command line draw the same frame (after the input and `-o FILE`), so a served image can be checked byte for
/// byte against the command line.
public struct RenderedImagePlan: Sendable {
    public var request: RenderRequest
    public var arguments: [String]
    /// The camera used, for the Annex K module (nil for `rendered` and thumbnails).
    var camera: RenderedCameraPose?
}

/// What a request asks of one series: the render requests, one per image, with warnings about what was adjusted.
public struct RenderedPlan: Sendable {
    public var images: [RenderedImagePlan]
    public var warnings: [String]
    /// For the volumetric resources: the method, slab and swivel actually used (Annex K).
    var method: RenderingMethod?
    var slabThickness: Double?
}

extension RenderedResourceRequest {
    /// The side of a study or series thumbnail (`ThumbnailMaker`'s picture, square: the viewport's smaller side,
    /// default 128), or nil when the request is no such thumbnail.
    public var seriesThumbnailSize: Int? {
        guard kind == .thumbnail, level.isSeriesOrStudy else { return nil }
        return min(viewport?.width ?? Self.defaultThumbnailSize, viewport?.height ?? Self.defaultThumbnailSize)
    }

    /// What a server may pass on about parameters that were ignored or adjusted before any series is read.
    public var warnings: [String] {
        var warnings = ignoredParameters.map { "query parameter \($0) is not used by …/\(kind.pathComponent) and was ignored" }
        if annotations.contains(.patient) { warnings.append("annotation=patient: patient data is never burned in; orientation letters are drawn") }
        if let side = seriesThumbnailSize, let viewport, viewport.width != viewport.height {
            warnings.append("thumbnails are square: viewport=\(viewport.width),\(viewport.height) gives \(side) × \(side)")
        }
        return warnings
    }

    /// The images this request asks of `series` (opened: metadata read, no pixel needed): which stored slices for
    /// `rendered` and instance thumbnails, which planes or projections for the volumetric resources. `input` is how
    /// the series was named. A study or series thumbnail has no plan (see `seriesThumbnailSize`).
    public func plan(for series: OpenedSeries, input: SeriesInput) throws(RenderedResourceError) -> RenderedPlan {
        var warnings = self.warnings
        let volume = series.streaming.volume
        switch kind {
        case .rendered:
            return RenderedPlan(images: try slicePlans(series, input: input, thumbnail: false), warnings: warnings)
        case .thumbnail:
            guard seriesThumbnailSize == nil else { return RenderedPlan(images: [], warnings: warnings) }
            return RenderedPlan(images: try slicePlans(series, input: input, thumbnail: true), warnings: warnings)
        case .renderedMPR, .rendered3D:
            let p = self.volume ?? RenderedVolumeParameters()
            let fallback: RenderedCamera.AnatomicView = kind == .renderedMPR ? .feet : .anterior
            let pose = RenderedCameraPose(p.camera, fallback: fallback, in: volume.geometry)
            let poses = pose.swivel(range: p.swivelRange, step: p.animationStepSize ?? RenderedVolumeParameters.defaultSwivelStep)
            guard poses.count <= RenderedVolumeParameters.maximumSwivelFrames else {
                throw .tooLarge("swivelrange / animationstepsize gives \(poses.count) frames; at most \(RenderedVolumeParameters.maximumSwivelFrames)")
            }
            if kind == .rendered3D {
                let method = p.method ?? .volumeRendered
                if method == .volumeRendered, window != nil { warnings.append("window is not used by volume_rendered (the preset colours the volume)") }
                let plans = try poses.map { pose throws(RenderedResourceError) in try projectionPlan(pose, method: method, series, input: input) }
                return RenderedPlan(images: plans, warnings: warnings, method: method)
            }
            let method = p.method ?? .averageIP
            var plans: [RenderedImagePlan] = []
            for pose in poses {
                let (plan, moved) = mprPlan(pose, slab: p.slabThickness.map { Slab(thickness: $0, mode: method.slabMode) }, series, input: input)
                if let moved, plans.isEmpty { warnings.append(moved) }
                plans.append(plan)
            }
            return RenderedPlan(images: plans, warnings: warnings, method: method, slabThickness: p.slabThickness)
        }
    }

    // MARK: - rendered, and instance thumbnails: stored slices through the window

    /// The stored slices the level names, each in its acquisition plane: at native size with nearest sampling (the
    /// slice exactly) unless a viewport or a thumbnail size scales it (linear).
    private func slicePlans(_ series: OpenedSeries, input: SeriesInput, thumbnail: Bool) throws(RenderedResourceError) -> [RenderedImagePlan] {
        let volume = series.streaming.volume
        var indices: [Int]
        switch level {
        case .study, .series:
            indices = Array(0..<volume.sliceCount)
        case .instance(_, _, let uid):
            indices = volume.slices.indices.filter { volume.slices[$0].sopInstanceUID == uid }
                .sorted { volume.slices[$0].frameIndex < volume.slices[$1].frameIndex }
            guard !indices.isEmpty else {
                throw .notFound("instance \(uid) is not an image of series \(series.seriesInstanceUID)'s volume (a localizer, another stack or no image)")
            }
        case .frames(_, _, let uid, let frames):
            indices = []
            for frame in frames {
                guard let k = volume.slices.firstIndex(where: { $0.sopInstanceUID == uid && $0.frameIndex == frame - 1 }) else {
                    throw .notFound("frame \(frame) of instance \(uid) is not an image of series \(series.seriesInstanceUID)'s volume")
                }
                indices.append(k)
            }
        }
        if thumbnail { indices = [indices[indices.count / 2]] }
        guard indices.count <= Self.maximumImages else {
            throw .tooLarge("the \(level.isSeriesOrStudy ? "series" : "instance") has \(indices.count) images; at most \(Self.maximumImages) in one response — ask for instances or frames")
        }
        let g = volume.geometry
        let size: (Int, Int), sampling: Sampling
        if thumbnail {
            let side = min(viewport?.width ?? Self.defaultThumbnailSize, viewport?.height ?? Self.defaultThumbnailSize)
            (size, sampling) = ((side, side), .linear)
        } else if let viewport {
            (size, sampling) = ((viewport.width, viewport.height), .linear)
        } else {
            (size, sampling) = ((g.dimensions.x, g.dimensions.y), .nearest)
        }
        return indices.map { k in
            var request = baseRequest(input, series: series, view: .mpr(.acquisition), size: size)
            request.position = .slice(k)
            request.sampling = sampling
            let args = ["--view", "acquisition", "--position", "slice:\(k)", "--sampling", sampling == .nearest ? "nearest" : "linear"]
            return RenderedImagePlan(request: request, arguments: args + commonArguments(series: series, size: size), camera: nil)
        }
    }

    // MARK: - renderedmpr: a plane (or slab) through the look-at point

    /// The MPR plane of `pose`: named planes for the anatomic views the command line names, else an oblique plane,
    /// moved along its normal to the look-at point. The image is centred on the volume: a look-at point off the
    /// volume's centre line is moved onto it (the message says where), since the picture cannot be panned.
    private func mprPlan(_ pose: RenderedCameraPose, slab: Slab?, _ series: OpenedSeries, input: SeriesInput) -> (RenderedImagePlan, String?) {
        let g = series.streaming.volume.geometry
        let n = pose.towardsCamera
        let offset = (pose.lookAt - g.centre).dot(n)
        var used = pose
        used.lookAt = g.centre + n * offset
        let moved = (used.lookAt - pose.lookAt).length > 1e-6
            ? "viewpointlookat moved to \(Self.triple(used.lookAt)) on the line through the volume centre (panning is not supported)" : nil
        let size = viewportSize
        var request = baseRequest(input, series: series, view: .mpr(.axial), size: size)
        var args: [String]
        let named: [(RenderedCamera.AnatomicView, ViewPlane, String)] = [(.feet, .axial, "axial"), (.anterior, .coronal, "coronal"), (.left, .sagittal, "sagittal")]
        if let match = named.first(where: { $0.0.towardsCamera == n && $0.0.up == pose.up }) {
            request.view = .mpr(match.1)
            // A named plane's position is mm along its patient axis (z axial, y coronal, x sagittal), not along the normal.
            let axis = match.1 == .axial ? 2 : match.1 == .coronal ? 1 : 0
            let mm = used.lookAt[axis]
            request.position = offset == 0 ? nil : .millimetres(mm)
            args = ["--view", match.2] + (offset == 0 ? [] : ["--position", "\(mm)"])
        } else {
            request.view = .mpr(.oblique(normal: n.normalized, up: pose.up.normalized))   // as the command line reads them
            request.position = offset == 0 ? nil : .millimetres(offset)
            args = ["--view", "oblique", "--normal", Self.triple(n), "--up", Self.triple(pose.up)] + (offset == 0 ? [] : ["--position", "\(offset)"])
        }
        request.slab = slab
        if let slab { args += ["--slab", "\(slab.thickness)", "--slab-mode", slab.mode.commandLineName] }
        return (RenderedImagePlan(request: request, arguments: args + commonArguments(series: series, size: size), camera: used), moved)
    }

    // MARK: - rendered3d: a projection or a volume rendering of the whole volume

    /// The 3D image of `pose`: volume rendering turned and raised to it; a maximum intensity projection turned
    /// about the superior axis as `--view mip` draws it; any other projection (minimum, average, or a camera off the
    /// horizontal) as a slab through the volume centre thick enough to hold the whole volume.
    private func projectionPlan(
        _ pose: RenderedCameraPose, method: RenderingMethod, _ series: OpenedSeries, input: SeriesInput
    ) throws(RenderedResourceError) -> RenderedImagePlan {
        let g = series.streaming.volume.geometry
        var used = pose
        used.lookAt = g.centre
        let size = viewportSize
        var request = baseRequest(input, series: series, view: .volume, size: size)
        var args: [String]
        switch method {
        case .volumeRendered:
            guard let (azimuth, elevation) = pose.azimuthElevation else {
                throw .unsupported("volume_rendered with viewpointup \(Self.triple(pose.up)) needs a rolled camera, which is not rendered: give an up direction in the plane of the viewing direction and the patient's superior axis")
            }
            request.view = .volume
            request.angleDegrees = azimuth
            request.elevationDegrees = elevation
            args = ["--view", "volume", "--angle", "\(azimuth)", "--elevation", "\(elevation)"]
        case .maximumIP where pose.isTurnAboutSuperior:
            let azimuth = atan2(pose.towardsCamera.x + 0.0, -pose.towardsCamera.y + 0.0) * 180 / .pi
            request.view = .mip
            request.angleDegrees = azimuth
            args = ["--view", "mip", "--angle", "\(azimuth)"]
        case .maximumIP, .minimumIP, .averageIP:
            let n = pose.towardsCamera
            let half = g.cornerCentres.map { abs(($0 - g.centre).dot(n)) }.max() ?? 0
            let thickness = 2 * half + Slab.step(along: n, in: g)
            request.view = .mpr(.oblique(normal: n.normalized, up: pose.up.normalized))   // as the command line reads them
            request.slab = Slab(thickness: thickness, mode: method.slabMode)
            args = ["--view", "oblique", "--normal", Self.triple(n), "--up", Self.triple(pose.up), "--slab", "\(thickness)",
                    "--slab-mode", method.slabMode.commandLineName]
        }
        return RenderedImagePlan(request: request, arguments: args + commonArguments(series: series, size: size), camera: used)
    }

    // MARK: - shared

    /// The viewport, or the command line's default 512 × 512.
    private var viewportSize: (Int, Int) { (viewport?.width ?? 512, viewport?.height ?? 512) }

    /// The request every image starts from: the series, the size, the window, letters only when annotated.
    private func baseRequest(_ input: SeriesInput, series: OpenedSeries, view: RenderRequest.View, size: (Int, Int)) -> RenderRequest {
        RenderRequest(
            inputs: .series(input, seriesUID: level.seriesUID), view: view, width: size.0, height: size.1,
            window: window.map { (VOIWindow(centre: $0.centre, width: $0.width), "window parameter") },
            orientationLetters: !annotations.isEmpty)
    }

    /// The options every image shares: size, window, letters, series, format and quality.
    private func commonArguments(series: OpenedSeries, size: (Int, Int)) -> [String] {
        var args = ["--size", "\(size.0)x\(size.1)"]
        if let window { args += ["--window", "\(window.centre),\(window.width)"] }
        if annotations.isEmpty { args.append("--no-letters") }
        if let uid = level.seriesUID { args += ["--series", uid] }
        args += ["--format", mediaType == .png ? "png" : "jpeg"]
        if mediaType == .jpeg { args += ["--quality", "\(quality ?? Self.defaultQuality)"] }
        return args
    }

    static func triple(_ v: Vector3) -> String { "\(v.x),\(v.y),\(v.z)" }
}

extension RenderedResourceLevel {
    var isSeriesOrStudy: Bool {
        switch self {
        case .study, .series: return true
        case .instance, .frames: return false
        }
    }
}

extension RenderingMethod {
    /// How a slab combines its samples for this method (volume rendering has no slab: average, never used).
    var slabMode: Slab.Mode {
        switch self {
        case .maximumIP: return .maximum
        case .minimumIP: return .minimum
        case .averageIP, .volumeRendered: return .average
        }
    }
}

extension Slab.Mode {
    /// The `--slab-mode` value.
    var commandLineName: String {
        switch self {
        case .maximum: return "mip"
        case .minimum: return "minip"
        case .average: return "avg"
        }
    }
}
