import Volume

extension VOIWindow {
    /// The window an image's header gives.
    public init(_ window: FileWindow) {
        self.init(centre: window.centre, width: window.width)
    }

    /// The window the files give for a view of `volume` (the rule, for every front end): for a view parallel to
    /// the stored slices (an axial view of an axial acquisition, the acquisition view), the window of the slice
    /// nearest the plane; otherwise, and when that slice has none, the middle slice's (slice count / 2); when that
    /// has none either, the nearest slice to the middle that has one. Never simply the first image's: real series
    /// carry a different window on each image (an MR's edge slices hold noise and a window of a few units).
    /// Returns the window and the slice it came from, or nil when no slice carries one.
    public static func fromSlices(of volume: ImageVolume, plane: PlaneSpec?) -> (window: VOIWindow, slice: Int)? {
        let slices = volume.slices
        guard !slices.isEmpty else { return nil }
        let g = volume.geometry
        var preferred = slices.count / 2
        if let plane, abs(abs(plane.normal.dot(g.sliceNormal)) - 1) < 1e-6 {
            let d = g.dimensions
            let distances = (0..<d.z).map { abs((g.sliceWorld(0, 0, slice: $0) - plane.centre).dot(g.sliceNormal)) }
            preferred = distances.indices.min { distances[$0] < distances[$1] } ?? preferred
        }
        let middle = slices.count / 2
        let byDistance = (0..<slices.count).sorted { a, b in
            let da = abs(a - middle), db = abs(b - middle)
            return da != db ? da < db : a < b
        }
        let order = [preferred] + byDistance
        guard let k = order.first(where: { slices[$0].fileWindow != nil }), let w = slices[k].fileWindow else { return nil }
        return (VOIWindow(w), k)
    }

    /// A window spanning `low`…`high` (at least 1 wide), for images that carry no window.
    public static func covering(_ low: Double, _ high: Double) -> VOIWindow {
        let width = max(1, high - low)
        return VOIWindow(centre: low + width / 2, width: width)
    }
}
