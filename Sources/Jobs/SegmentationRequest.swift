import Foundation
import Render
import Segmentation
import Volume

/// One `--seg` file of a render request and how it is drawn.
public struct SegmentationRequest: Sendable, Equatable {
    public var path: String
    public var style: SegmentationOverlay.Style
    /// Fill opacity, 0…1.
    public var opacity: Double
    /// Segment numbers or names to draw; empty: all.
    public var segments: [String]

    public init(path: String, style: SegmentationOverlay.Style = .both, opacity: Double = 0.4, segments: [String] = []) {
        self.path = path
        self.style = style
        self.opacity = opacity
        self.segments = segments
    }

    /// Reads the file for an image volume (RTSTRUCT contours are rasterized on its grid; a DICOM segmentation in
    /// another frame of reference is refused) and picks the segments to draw.
    func overlay(on image: ImageVolume) throws(JobError) -> SegmentationOverlay {
        do {
            let labels = try LabelVolume.read(
                URL(fileURLWithPath: path), imageGrid: image.geometry, imageFrameOfReference: image.slices.first?.frameOfReferenceUID)
            return SegmentationOverlay(labels: labels, style: style, opacity: opacity, shown: try labels.segmentNumbers(segments))
        } catch {
            throw .badInput(error.description)
        }
    }
}

extension SegmentationSummary {
    /// Reads a segmentation for `info`: on `image`'s grid and frame of reference when given (RTSTRUCT needs it).
    public static func inspect(_ path: String, image: ImageVolume?) throws(JobError) -> SegmentationSummary {
        do {
            return SegmentationSummary(try LabelVolume.read(
                URL(fileURLWithPath: path), imageGrid: image?.geometry, imageFrameOfReference: image?.slices.first?.frameOfReferenceUID))
        } catch {
            throw .badInput(error.description)
        }
    }
}

/// A segmentation as reports list it: the file, what it holds, and each segment drawn with its size.
public struct SegmentationSummary: Sendable, Encodable {
    public struct Item: Sendable, Encodable {
        public var number: Int
        public var name: String
        /// sRGB as #rrggbb.
        public var colour: String
        public var voxels: Int
        public var volumeML: Double
    }

    public var file: String
    public var kind: String
    public var detail: String
    public var frameOfReferenceUID: String?
    public var segments: [Item]

    /// The summary of `labels`, listing the segments `shown` (all when nil).
    public init(_ labels: LabelVolume, shown: Set<Int>? = nil) {
        file = labels.source
        kind = labels.kind.rawValue
        detail = labels.detail
        frameOfReferenceUID = labels.frameOfReferenceUID
        segments = labels.segments.filter { shown?.contains($0.number) ?? true }.map { s in
            Item(number: s.number, name: s.name, colour: String(format: "#%02x%02x%02x", s.colour.x, s.colour.y, s.colour.z),
                 voxels: s.voxelCount, volumeML: (s.volumeML * 1000).rounded() / 1000)
        }
    }

    /// One line per segment, for people.
    public var lines: [String] {
        ["\(file): \(kind), \(detail)"] + segments.map { s in
            "  \(s.number) \(s.name) \(s.colour): \(s.voxels) voxels, \(String(format: "%.3f", s.volumeML)) ml"
        }
    }
}
