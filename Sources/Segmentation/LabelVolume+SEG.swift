import DICOM
import Foundation
import Volume

extension LabelVolume {
    /// Reads a DICOM Segmentation (BINARY, FRACTIONAL or LABELMAP) onto the grid its frames span (`SEGFrameMap`).
    ///
    /// Each frame is placed by its PlanePositionSequence (per-frame functional groups), the PlaneOrientationSequence
    /// and PixelMeasuresSequence (per-frame or shared), and, except for LABELMAP, given to the segment its
    /// SegmentIdentificationSequence names. FRACTIONAL frames count where value / MaximumFractionalValue ≥ 0.5.
    /// LABELMAP pixels are segment numbers. Colours come from RecommendedDisplayCIELabValue, else `Palette`.
    public static func seg(_ file: DICOMFile) throws(SegmentationError) -> LabelVolume {
        let ds = file.dataSet, name = file.name
        let sopClass = ds.string(.sopClassUID) ?? ""
        guard sopClass == SegmentationSOPClass.segmentation || sopClass == SegmentationSOPClass.labelMapSegmentation else {
            throw .notASegmentation(file: name, reason: "SOP Class UID \(sopClass)")
        }
        let type = ds.string(.segmentationType)?.uppercased() ?? (sopClass == SegmentationSOPClass.labelMapSegmentation ? "LABELMAP" : "")
        guard ["BINARY", "FRACTIONAL", "LABELMAP"].contains(type) else {
            throw .invalid(file: name, reason: "Segmentation Type '\(type)' is not BINARY, FRACTIONAL or LABELMAP")
        }
        let pixels: PixelDescription
        do { pixels = try file.pixelDescription() } catch { throw .invalid(file: name, reason: error.description) }
        let frameCount = pixels.numberOfFrames
        let perFrame = ds.sequence(.perFrameFunctionalGroupsSequence) ?? []
        guard perFrame.count == frameCount else {
            throw .frameMapping(file: name, reason: "Number of Frames is \(frameCount) but the per-frame functional groups describe \(perFrame.count)")
        }
        try checkPixelBytes(file, pixels)
        var segments = try segmentList(ds, file: name)
        let shared = ds.sequence(.sharedFunctionalGroupsSequence)?.first ?? DataSet()
        func group(_ tag: Tag, _ frame: Int) -> DataSet? { perFrame[frame].sequence(tag)?.first ?? shared.sequence(tag)?.first }
        guard let orientation = group(.planeOrientationSequence, 0)?.doubles(.imageOrientationPatient), orientation.count == 6,
              let measures = group(.pixelMeasuresSequence, 0), let spacing = measures.doubles(.pixelSpacing), spacing.count == 2
        else { throw .frameMapping(file: name, reason: "no PlaneOrientationSequence or PixelMeasuresSequence with PixelSpacing") }
        var positions: [Vector3] = [], numbers: [Int] = []
        for frame in 0..<frameCount {
            guard let p = group(.planePositionSequence, frame)?.doubles(.imagePositionPatient), p.count == 3 else {
                throw .frameMapping(file: name, reason: "frame \(frame + 1) has no PlanePositionSequence ImagePositionPatient")
            }
            if let o = group(.planeOrientationSequence, frame)?.doubles(.imageOrientationPatient), o != orientation {
                throw .frameMapping(file: name, reason: "frame \(frame + 1) has another orientation than frame 1")
            }
            positions.append(Vector3(p[0], p[1], p[2]))
            if type != "LABELMAP" {
                guard let number = group(.segmentIdentificationSequence, frame)?.int(.referencedSegmentNumber),
                      segments.contains(where: { $0.number == number }) else {
                    throw .frameMapping(file: name, reason: "frame \(frame + 1) names no segment of the Segment Sequence")
                }
                numbers.append(number)
            }
        }
        let map = try SEGFrameMap(
            positions: positions, rowDirection: Vector3(orientation[0], orientation[1], orientation[2]),
            columnDirection: Vector3(orientation[3], orientation[4], orientation[5]), columnSpacing: spacing[1], rowSpacing: spacing[0],
            rows: pixels.rows, columns: pixels.columns,
            declaredStep: measures.double(.spacingBetweenSlices) ?? measures.double(.sliceThickness), file: name)
        let d = map.geometry.dimensions
        var labels = [UInt16](repeating: 0, count: map.geometry.voxelCount)
        var counts = [Int: Int]()
        let maxFraction = Double(ds.int(.maximumFractionalValue) ?? 255)
        for frame in 0..<frameCount {
            let decoded: DecodedPixels
            do { decoded = try file.decodeFrame(frame) } catch { throw .truncated(file: name, reason: "frame \(frame + 1): \(error.description)") }
            let place = map.placements[frame]
            for j in 0..<pixels.rows {
                let row = ((place.z * d.y) + place.y + j) * d.x + place.x
                for i in 0..<pixels.columns {
                    let value = decoded.storage.value(at: j * pixels.columns + i)
                    let label: Int
                    switch type {
                    case "LABELMAP": label = Int(value)
                    case "FRACTIONAL": label = value / maxFraction >= 0.5 ? numbers[frame] : 0
                    default: label = value != 0 ? numbers[frame] : 0
                    }
                    guard label > 0 else { continue }
                    counts[label, default: 0] += 1
                    if label > Int(labels[row + i]) { labels[row + i] = UInt16(clamping: label) }
                }
            }
        }
        if type == "LABELMAP" {
            for number in counts.keys where !segments.contains(where: { $0.number == number }) {
                segments.append(Segment(number: number, name: "segment \(number)"))
            }
        }
        let voxelML = map.geometry.voxelVolumeML
        for n in segments.indices {
            segments[n].voxelCount = counts[segments[n].number] ?? 0
            segments[n].volumeML = Double(segments[n].voxelCount) * voxelML
        }
        return LabelVolume(
            source: name, kind: .seg, geometry: map.geometry, labels: labels, segments: segments,
            frameOfReferenceUID: ds.string(.frameOfReferenceUID), detail: "\(type), \(frameCount) frames of \(pixels.columns)×\(pixels.rows)")
    }

    /// The Segment Sequence: numbers 1…65535, each once, with labels and recommended colours (a LABELMAP's segment 0,
    /// its background, is not drawn and left out).
    private static func segmentList(_ ds: DataSet, file: String) throws(SegmentationError) -> [Segment] {
        var segments: [Segment] = []
        for item in ds.sequence(.segmentSequence) ?? [] where item.int(.segmentNumber) != 0 || ds.string(.segmentationType) != "LABELMAP" {
            guard let number = item.int(.segmentNumber), (1...65535).contains(number), !segments.contains(where: { $0.number == number }) else {
                throw .invalid(file: file, reason: "a Segment Sequence item has no Segment Number 1…65535, or repeats one")
            }
            let colour = item.ints(.recommendedDisplayCIELabValue).flatMap { CIELab.sRGB(dicom: $0) }
            segments.append(Segment(number: number, name: item.string(.segmentLabel) ?? "segment \(number)", colour: colour))
        }
        return segments
    }

    /// Native pixel data must hold every frame the header declares (encapsulated frames are checked as they decode).
    private static func checkPixelBytes(_ file: DICOMFile, _ pixels: PixelDescription) throws(SegmentationError) {
        guard !file.transferSyntax.isEncapsulated else { return }
        let have = file.dataSet.bytes(pixels.pixelDataTag)?.count ?? 0
        guard have >= pixels.storedBytesForAllFrames else {
            throw .truncated(file: file.name, reason: "the pixel data holds \(have) bytes; \(pixels.numberOfFrames) frames of \(pixels.columns)×\(pixels.rows) at \(pixels.bitsAllocated) bits need \(pixels.storedBytesForAllFrames)")
        }
    }
}
