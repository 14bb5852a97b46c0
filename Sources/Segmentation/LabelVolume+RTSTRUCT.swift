import DICOM
import Volume

extension LabelVolume {
    /// Rasterizes an RT Structure Set's closed planar contours onto `grid` (the image volume's grid).
    ///
    /// Why a raster and not the exact lines: one label volume serves every drawing path (fill, outline, MIP
    /// projection, legend), every view samples it the same way as SEG and NIfTI labels, and voxel counts give each
    /// ROI's volume; the cost is a boundary that is exact only to the image voxel. A voxel belongs to a contour
    /// when its centre lies inside the polygon (even-odd rule, so a contour inside another of the same ROI on the
    /// same slice is a hole), the rule of matplotlib's `Path.contains_points` and scikit-image's `polygon`. Each
    /// contour goes to the stored slice nearest its points; contours whose points do not all lie within half a
    /// slice of it (not parallel to the slices) are left out and counted in `detail`.
    public static func rtstruct(_ file: DICOMFile, grid: VolumeGeometry) throws(SegmentationError) -> LabelVolume {
        let ds = file.dataSet, name = file.name
        guard ds.string(.sopClassUID) == SegmentationSOPClass.rtStructureSet else {
            throw .notASegmentation(file: name, reason: "SOP Class UID \(ds.string(.sopClassUID) ?? "none")")
        }
        let geometry = VolumeGeometry(dimensions: grid.dimensions, affine: grid.indexToWorld)
        var rois: [Int: (name: String, frame: String?)] = [:]
        for item in ds.sequence(.structureSetROISequence) ?? [] {
            guard let number = item.int(.roiNumber) else { throw .invalid(file: name, reason: "a Structure Set ROI has no ROI Number") }
            rois[number] = (item.string(.roiName) ?? "ROI \(number)", item.string(.referencedFrameOfReferenceUID))
        }
        let toIndex = geometry.worldToIndex
        let d = geometry.dimensions
        let sliceSize = d.x * d.y
        var labels = [UInt16](repeating: 0, count: geometry.voxelCount)
        var segments: [Segment] = [], skipped = 0
        for (n, item) in (ds.sequence(.roiContourSequence) ?? []).enumerated() {
            guard let number = item.int(.referencedROINumber), let roi = rois[number] else {
                throw .invalid(file: name, reason: "ROI Contour item \(n + 1) names no ROI of the Structure Set ROI Sequence")
            }
            let label = segments.count + 1
            guard label <= 65535 else { throw .invalid(file: name, reason: "more than 65535 ROIs") }
            var bySlice: [Int: [[SIMD2<Double>]]] = [:]
            for contour in item.sequence(.contourSequence) ?? [] where contour.string(.contourGeometricType)?.uppercased() == "CLOSED_PLANAR" {
                guard let data = contour.doubles(.contourData), data.count >= 9, data.count % 3 == 0 else { skipped += 1; continue }
                let points = stride(from: 0, to: data.count, by: 3).map { toIndex.transformPoint(Vector3(data[$0], data[$0 + 1], data[$0 + 2])) }
                let k = (points.map(\.z).reduce(0, +) / Double(points.count)).rounded()
                guard points.allSatisfy({ abs($0.z - k) < 0.5 && $0.isFinite }), k >= 0, k < Double(d.z) else { skipped += 1; continue }
                bySlice[Int(k), default: []].append(points.map { SIMD2($0.x, $0.y) })
            }
            var count = 0
            for (k, polygons) in bySlice {
                let mask = PolygonRaster.evenOdd(polygons, width: d.x, height: d.y)
                for (p, inside) in mask.enumerated() where inside {
                    count += 1
                    labels[k * sliceSize + p] = UInt16(label)
                }
            }
            let colour = item.ints(.roiDisplayColor).flatMap { c in c.count == 3 ? SIMD3(c.map { UInt8(clamping: $0) }) : nil }
            segments.append(Segment(
                number: label, name: roi.name, colour: colour, voxelCount: count, volumeML: Double(count) * geometry.voxelVolumeML))
        }
        let frame = ds.sequence(.referencedFrameOfReferenceSequence)?.first?.string(.frameOfReferenceUID)
            ?? rois.values.compactMap(\.frame).first
        let contours = skipped > 0 ? ", \(skipped) contours not on a slice left out" : ""
        return LabelVolume(
            source: name, kind: .rtstruct, geometry: geometry, labels: labels, segments: segments, frameOfReferenceUID: frame,
            detail: "\(segments.count) ROIs rasterized on the image grid\(contours)")
    }
}

/// Polygon filling at pixel centres (integer coordinates) by the even-odd rule.
enum PolygonRaster {
    /// A `width` × `height` mask, row-major: true where an odd number of `polygons` contain the pixel centre.
    static func evenOdd(_ polygons: [[SIMD2<Double>]], width: Int, height: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: width * height)
        for polygon in polygons {
            let ys = polygon.map(\.y)
            let low = max(0, Int(ys.min()!.rounded(.up))), high = min(height - 1, Int(ys.max()!.rounded(.down)))
            guard low <= high else { continue }
            for j in low...high {
                let y = Double(j)
                var crossings: [Double] = []
                for (a, b) in zip(polygon, polygon.dropFirst() + [polygon[0]]) where (a.y > y) != (b.y > y) {
                    crossings.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y))
                }
                crossings.sort()
                for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
                    let start = max(0, Int(crossings[pair].rounded(.up))), end = min(width - 1, Int(crossings[pair + 1].rounded(.up)) - 1)
                    guard start <= end else { continue }
                    for i in start...end { mask[j * width + i].toggle() }
                }
            }
        }
        return mask
    }
}
