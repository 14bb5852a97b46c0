import Foundation
import Volume

extension PhantomCase {
    /// The series this case writes, with every image's file, UIDs and plane (the geometry truth).
    ///
    /// CT slice files are `CT_0001.dcm …` in z order (the number is the slice's index on its grid, so a
    /// missing slice leaves a missing number); Instance Numbers run from the head down, as in the standard phantom.
    public var series: [PhantomCaseSeries] {
        switch self {
        case .unevenSmall:
            [ctSeries(slices: (0..<G.ctSlices).map { k in
                CTSlice(k, G.axialCT(z: G.ctFirstZ + Double(k) * G.ctStep + G.jitter(k)), thickness: G.ctStep)
            })]
        case .uneven:
            [ctSeries(slices: Self.unevenSteps.indices.map { k in
                CTSlice(k, G.axialCT(z: -60 + Self.unevenSteps[1..<(k + 1)].reduce(0, +)), thickness: Self.unevenSteps[k])
            })]
        case .gap:
            [ctSeries(slices: uniformCT().filter { !Self.gapMissing.contains($0.k) })]
        case .tilt:
            [ctSeries(slices: tiltSlices())]
        case .varyingTilt:
            [ctSeries(slices: varyingTiltSlices())]
        case .dynamicPET:
            dynamicPETSeries()
        case .localizer:
            [localizerSeries()]
        case .dicomdir:
            [ctSeries(slices: uniformCT(), path: { String(format: "IMAGES/IM%06d", $0 + 1) })]
        case .symlinks:
            // The links live in `symlinks/`; the files they point to in `symlinks-target/`, half in a subfolder.
            [ctSeries(folder: "symlinks-target", slices: uniformCT(), path: { k in
                (k < Self.symlinkedFileCount ? "" : Self.symlinkedFolder + "/") + String(format: "CT_%04d.dcm", k + 1)
            })]
        case .duplicates:
            [ctSeries(slices: uniformCT())]
        }
    }

    /// `uneven`: the steps into each slice (index 0 unused): 20 × 2 mm, then 15 × 3 mm, then 14 × 2.5 mm, from z = −60.
    static let unevenSteps: [Double] = [2] + Array(repeating: 2, count: 20) + Array(repeating: 3, count: 15) + Array(repeating: 2.5, count: 14)
    /// `gap`: grid indices of the slices left out (files CT_0016, CT_0017 and CT_0035).
    static let gapMissing: Set<Int> = [15, 16, 34]
    /// `symlinks`: the first 25 files are linked one by one; the rest sit in this subfolder, linked as a folder.
    static let symlinkedFileCount = 25
    static let symlinkedFolder = "upper"
    /// `duplicates`: byte copies written beside the series, as (original, copy) paths in the series folder.
    static let duplicateCopies = [("CT_0010.dcm", "CT_0010_copy.dcm"), ("CT_0031.dcm", "backup/CT_0031.dcm")]

    /// `dynamic-pet`: frames are 120 s long, back to back from the series time; the reference time is mid-frame.
    static let petFrames = 4
    static let petFrameSeconds = 120.0

    private typealias G = PhantomCaseGrid

    /// One CT slice before it gets its file and UIDs: its index `k` on the case's grid and its plane.
    private struct CTSlice {
        var k: Int
        var plane: ImagePlane
        var thickness: Double
        var tilt: Double?
        init(_ k: Int, _ plane: ImagePlane, thickness: Double, tilt: Double? = nil) {
            self.k = k
            self.plane = plane
            self.thickness = thickness
            self.tilt = tilt
        }
    }

    /// The uniform axial grid: 50 slices 2 mm apart from z = −49.
    private func uniformCT() -> [CTSlice] {
        (0..<G.ctSlices).map { CTSlice($0, G.axialCT(z: G.ctFirstZ + Double($0) * G.ctStep), thickness: G.ctStep) }
    }

    /// `tilt`: the image centres step along z by 2 / cos 15° so the planes are 2 mm apart; the stack is centred on the origin.
    private func tiltSlices() -> [CTSlice] {
        let dz = G.ctStep / G.tiltCos, middle = Double(G.ctSlices - 1) / 2
        return (0..<G.ctSlices).map { k in
            CTSlice(k, G.tiltedCT(centre: Vector3(0, 0, (Double(k) - middle) * dz)), thickness: G.ctStep, tilt: G.tiltDegrees)
        }
    }

    /// `varying-tilt`: the `tilt` orientation, planes 2 mm apart along the normal, but the step into slice k
    /// (k ≥ 1) is sheared along −column by 2·tan θk with θk = 12° + 0.125°·(k − 1), so θ runs 12°…18°;
    /// slice 0 carries θ1. The first and last centres are symmetric about the origin.
    private func varyingTiltSlices() -> [CTSlice] {
        let column = G.tiltColumn, normal = Vector3(1, 0, 0).cross(column).normalized
        let angles = (0..<G.ctSlices).map { 12 + 0.125 * Double(max($0, 1) - 1) }
        var offsets = [Vector3(0, 0, 0)]
        for k in 1..<G.ctSlices {
            offsets.append(offsets[k - 1] + normal * G.ctStep - column * (G.ctStep * tan(angles[k] * .pi / 180)))
        }
        let middle = (offsets[0] + offsets[G.ctSlices - 1]) * 0.5
        return (0..<G.ctSlices).map { k in
            CTSlice(k, G.tiltedCT(centre: offsets[k] - middle), thickness: G.ctStep, tilt: angles[k])
        }
    }

    /// A CT series in `folder` (default: the case name) of `slices` from the 50-slice grid, Instance Numbers
    /// `firstInstance`… counted from the head down, after the `extra` images.
    private func ctSeries(
        folder: String? = nil, slices: [CTSlice], firstInstance: Int = 1,
        path: (Int) -> String = { String(format: "CT_%04d.dcm", $0 + 1) }, extra: [PhantomCaseImage] = []
    ) -> PhantomCaseSeries {
        let uid = seriesInstanceUID()
        let images = slices.map { slice in
            let instance = firstInstance + G.ctSlices - 1 - slice.k
            return PhantomCaseImage(
                path: path(slice.k), sopInstanceUID: "\(uid).\(instance)", instanceNumber: instance, kind: .ct,
                plane: slice.plane, sliceThickness: slice.thickness, gantryTilt: slice.tilt)
        }
        return PhantomCaseSeries(
            folder: folder ?? rawValue, seriesInstanceUID: uid, seriesNumber: 100 * number + 1,
            seriesDescription: "Phantom case \(rawValue)", modality: "CT", temporalPositions: 1, images: extra + images)
    }

    /// `localizer`: a coronal (instance 1) and a sagittal (2) localizer, the 50 axial slices (3…52) and a dose screen (53).
    private func localizerSeries() -> PhantomCaseSeries {
        let uid = seriesInstanceUID()
        let down = Vector3(0, 0, -1)
        let coronal = G.plane(centre: Vector3(0, 0, 0), row: Vector3(1, 0, 0), column: down, spacing: 1.5, rows: 160, columns: 256)
        let sagittal = G.plane(centre: Vector3(0, 0, 0), row: Vector3(0, 1, 0), column: down, spacing: 1.5, rows: 160, columns: 176)
        func image(_ path: String, _ instance: Int, _ kind: PhantomCaseImage.Kind, _ plane: ImagePlane?) -> PhantomCaseImage {
            PhantomCaseImage(path: path, sopInstanceUID: "\(uid).\(instance)", instanceNumber: instance, kind: kind, plane: plane,
                             sliceThickness: plane == nil ? nil : 1.5, gantryTilt: nil)
        }
        var series = ctSeries(slices: uniformCT(), firstInstance: 3, extra: [
            image("LOC_0001.dcm", 1, .localizer, coronal), image("LOC_0002.dcm", 2, .localizer, sagittal),
        ])
        series.images.append(image("DOSE_0001.dcm", 3 + G.ctSlices, .doseScreen, nil))
        return series
    }

    /// `dynamic-pet`: the 4D series (file PET_0001… frame by frame, Instance Numbers 1…120 across frames, head first
    /// within a frame), then one 3D series per frame with the same pixels and planes in `dynamic-pet-frame-N`.
    private func dynamicPETSeries() -> [PhantomCaseSeries] {
        let planes = (0..<G.petSlices).map { k in
            G.plane(centre: Vector3(0, 0, G.petFirstZ + Double(k) * G.petStep), row: Vector3(1, 0, 0), column: Vector3(0, 1, 0),
                    spacing: G.petPixel, rows: G.petRows, columns: G.petColumns)
        }
        func image(_ uid: String, frame: Int, k: Int, fileIndex: Int, instance: Int) -> PhantomCaseImage {
            PhantomCaseImage(path: String(format: "PET_%04d.dcm", fileIndex), sopInstanceUID: "\(uid).\(instance)", instanceNumber: instance,
                             kind: .pet(frame: frame), plane: planes[k], sliceThickness: G.petStep, gantryTilt: nil)
        }
        let n = G.petSlices
        let uid4D = seriesInstanceUID()
        let all = PhantomCaseSeries(
            folder: rawValue, seriesInstanceUID: uid4D, seriesNumber: 100 * number + 1,
            seriesDescription: "Phantom case \(rawValue) (4 frames)", modality: "PT", temporalPositions: Self.petFrames,
            images: (1...Self.petFrames).flatMap { f in
                (0..<n).map { k in image(uid4D, frame: f, k: k, fileIndex: (f - 1) * n + k + 1, instance: (f - 1) * n + n - k) }
            })
        let frames = (1...Self.petFrames).map { f in
            let uid = seriesInstanceUID(1 + f)
            return PhantomCaseSeries(
                folder: "\(rawValue)-frame-\(f)", seriesInstanceUID: uid, seriesNumber: 100 * number + 1 + f,
                seriesDescription: "Phantom case \(rawValue), frame \(f) alone", modality: "PT", temporalPositions: 1,
                images: (0..<n).map { k in image(uid, frame: f, k: k, fileIndex: k + 1, instance: n - k) })
        }
        return [all] + frames
    }
}
