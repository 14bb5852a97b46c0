import Volume

/// A segmentation as one label per voxel on a regular grid in patient space: 0 is background, n is segment n.
///
/// SEG and NIfTI label maps keep their own grid (no resampling: a view samples them nearest at each pixel's
/// patient position, so an axis-aligned view through a stored frame shows that frame exactly); RTSTRUCT contours
/// are rasterized on the image volume's grid. Where segments of a SEG overlap, the higher segment number is kept
/// (each segment's voxel count is taken before, from its own frames).
public final class LabelVolume: Sendable {
    /// What the labels were read from.
    public enum Kind: String, Sendable { case seg = "DICOM SEG", rtstruct = "RTSTRUCT", nifti = "NIfTI labels" }

    /// The file name, for messages and reports.
    public let source: String
    public let kind: Kind
    /// The grid (regular: `sliceStack` is nil).
    public let geometry: VolumeGeometry
    /// Column-fastest, then rows, then slices.
    public let labels: [UInt16]
    /// Every segment the file holds, by number.
    public let segments: [Segment]
    public let frameOfReferenceUID: String?
    /// A one-line description of the encoding (e.g. "BINARY, 12 frames"), for reports.
    public let detail: String
    private let worldToIndex: Matrix4

    public init(
        source: String, kind: Kind, geometry: VolumeGeometry, labels: [UInt16], segments: [Segment],
        frameOfReferenceUID: String?, detail: String
    ) {
        precondition(labels.count == geometry.voxelCount, "one label per voxel")
        self.source = source
        self.kind = kind
        self.geometry = geometry
        self.labels = labels
        self.segments = segments.sorted { $0.number < $1.number }
        self.frameOfReferenceUID = frameOfReferenceUID
        self.detail = detail
        worldToIndex = geometry.worldToIndex
    }

    /// The map from patient LPS mm to continuous voxel index.
    public var patientToIndex: Matrix4 { worldToIndex }

    /// The label of the voxel nearest to a patient position (0 outside the grid).
    @inline(__always)
    public func label(atIndex p: Vector3) -> UInt16 {
        let i = Int((p.x + 0.5).rounded(.down)), j = Int((p.y + 0.5).rounded(.down)), k = Int((p.z + 0.5).rounded(.down))
        let d = geometry.dimensions
        guard i >= 0, j >= 0, k >= 0, i < d.x, j < d.y, k < d.z else { return 0 }
        return labels[(k * d.y + j) * d.x + i]
    }

    /// The segment with a number or name (case-insensitive), if any.
    public func segment(named key: String) -> Segment? {
        if let number = Int(key) { return segments.first { $0.number == number } }
        return segments.first { $0.name.caseInsensitiveCompare(key) == .orderedSame }
    }

    /// The numbers of the segments `keys` name (numbers or names); all when `keys` is empty.
    public func segmentNumbers(_ keys: [String]) throws(SegmentationError) -> Set<Int> {
        guard !keys.isEmpty else { return Set(segments.map(\.number)) }
        var numbers = Set<Int>()
        for key in keys {
            guard let found = segment(named: key) else {
                throw .unknownSegment(file: source, requested: key, available: segments.map { "\($0.number) \($0.name)" })
            }
            numbers.insert(found.number)
        }
        return numbers
    }

    /// Checks that this segmentation can be drawn on an image in `imageFrameOfReference` (when both are known).
    public func checkFrameOfReference(_ imageFrameOfReference: String?) throws(SegmentationError) {
        guard let mine = frameOfReferenceUID, let image = imageFrameOfReference, mine != image else { return }
        throw .frameOfReferenceMismatch(file: source, segmentation: mine, image: image)
    }

}

extension VolumeGeometry {
    /// Volume of one voxel, millilitres.
    public var voxelVolumeML: Double {
        let m = indexToWorld
        let x = Vector3(m[0, 0], m[1, 0], m[2, 0]), y = Vector3(m[0, 1], m[1, 1], m[2, 1]), z = Vector3(m[0, 2], m[1, 2], m[2, 2])
        return abs(x.cross(y).dot(z)) / 1000
    }

    /// A regular grid from an index → LPS affine (its columns' lengths are the spacings).
    public init(dimensions: SIMD3<Int>, affine m: Matrix4) {
        let x = Vector3(m[0, 0], m[1, 0], m[2, 0]), y = Vector3(m[0, 1], m[1, 1], m[2, 1]), z = Vector3(m[0, 2], m[1, 2], m[2, 2])
        self.init(
            dimensions: dimensions, spacing: Vector3(x.length, y.length, z.length), origin: Vector3(m[0, 3], m[1, 3], m[2, 3]),
            iDirection: x.normalized, jDirection: y.normalized, kDirection: z.normalized)
    }
}
