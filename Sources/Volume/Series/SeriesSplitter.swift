import Foundation

/// Splits the images of one series the way the scanner means them: copies of one SOP instance are used
/// once, images group into stacks by orientation, size and pixel spacing (a localizer inside a CT series
/// becomes its own small stack), and a stack whose positions repeat is split into the volumes of a 4D
/// series by the attribute that tells them apart (see `split(_:)`).
///
/// A pure function of the slices: the same images in any order give the same split. Time is
/// O(n log n) in the number of images.
public struct SeriesSplitter: Sendable {
    /// How far direction cosines may differ and still count as one orientation. Scanners jitter by about
    /// 1e-6 and writers round to 5 or 6 decimals, while stacks planned one degree apart differ by about 0.017.
    public var orientationTolerance = 1e-3
    /// Relative difference allowed between the pixel spacings of one stack.
    public var pixelSpacingTolerance = 1e-3
    /// Positions along the slice normal closer than this (mm) count as the same position.
    public var positionTolerance = 1e-3

    public init() {}

    /// The stacks (largest first, ties by lowest InstanceNumber then label) and their volumes, and the
    /// SOP instances given more than once.
    ///
    /// A stack is one volume when no position along its normal repeats. Otherwise the volumes are told
    /// apart by the first of TemporalPositionIndex, TemporalPositionIdentifier, FrameReferenceTime,
    /// TriggerTime, EchoNumbers, EchoTime, diffusion (b-value with gradient direction, a missing b-value
    /// counting as 0), AcquisitionNumber, ImageType, then the combination of those that vary, that gives
    /// at least two volumes, no repeated position within a volume, and no more volumes than the most
    /// images at one position (so a trigger time that differs from slice to slice is not taken for a
    /// volume per image). When none does, the n-th image at each position (in InstanceNumber order, then
    /// label) goes to volume n. Volumes are ordered as `ImageStack.volumes` describes.
    public func split(_ slices: [SliceMetadata]) -> SeriesSplit {
        let (kept, duplicates) = Self.firstCopies(slices)
        let labels = slices.map(\.label)
        let canonical = kept.sorted { a, b in
            let x = slices[a], y = slices[b]
            return (x.instanceNumber ?? .max, labels[a], x.imageID, x.frameIndex, x.sopInstanceUID)
                < (y.instanceNumber ?? .max, labels[b], y.imageID, y.frameIndex, y.sopInstanceUID)
        }
        var rank = [Int](repeating: 0, count: slices.count)
        for (position, index) in canonical.enumerated() { rank[index] = position }

        // Groups in founding order; each group's members in canonical order, so members[0] is its first image.
        var clusters = ToleranceClusters(tolerances: Array(repeating: orientationTolerance, count: 6)
            + Array(repeating: log1p(pixelSpacingTolerance), count: 2) + [0.5, 0.5])
        var groups: [[Int]] = []
        for index in canonical {
            let p = slices[index].plane
            let r = p.rowDirection, c = p.columnDirection
            let group = clusters.assign([r.x, r.y, r.z, c.x, c.y, c.z, log(p.rowSpacing), log(p.columnSpacing),
                                         Double(p.rows), Double(p.columns)])
            if group == groups.count { groups.append([]) }
            groups[group].append(index)
        }
        groups.sort { ($1.count, rank[$0[0]]) < ($0.count, rank[$1[0]]) }

        let stacks = groups.enumerated().map { stackIndex, members in
            let first = slices[members[0]].plane
            let split = volumes(of: members.sorted(), in: slices, rank: rank, normal: first.normal)
            return ImageStack(
                index: stackIndex, planeName: AnatomicalOrientation.planeName(normal: first.normal),
                rowDirection: first.rowDirection, columnDirection: first.columnDirection,
                columns: first.columns, rows: first.rows,
                columnSpacing: first.columnSpacing, rowSpacing: first.rowSpacing,
                imageCount: members.count, distinguishedBy: split.distinguishedBy,
                volumes: split.volumes.enumerated().map { volumeIndex, volume in
                    StackVolume(index: volumeIndex, label: volume.label, slices: volume.members.map { slices[$0] })
                })
        }
        return SeriesSplit(stacks: stacks, duplicates: duplicates)
    }

    /// The indices of the images to use (one per SOP instance and frame: the copy with the first image id,
    /// in no particular order), and the instances given more than once.
    private static func firstCopies(_ slices: [SliceMetadata]) -> (kept: [Int], duplicates: [DuplicateInstance]) {
        struct Instance: Hashable { let uid: String, frame: Int }
        var copies: [Instance: [Int]] = [:]
        for (index, slice) in slices.enumerated() {
            copies[Instance(uid: slice.sopInstanceUID, frame: slice.frameIndex), default: []].append(index)
        }
        var kept: [Int] = []
        var duplicates: [DuplicateInstance] = []
        for (instance, indices) in copies {
            let ordered = indices.sorted { (slices[$0].imageID, $0) < (slices[$1].imageID, $1) }
            kept.append(ordered[0])
            if ordered.count > 1 {
                duplicates.append(DuplicateInstance(sopInstanceUID: instance.uid, frameIndex: instance.frame,
                                                    images: ordered.map { slices[$0].label }))
            }
        }
        duplicates.sort { ($0.sopInstanceUID, $0.frameIndex) < ($1.sopInstanceUID, $1.frameIndex) }
        return (kept, duplicates)
    }
}
