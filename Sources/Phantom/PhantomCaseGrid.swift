import Foundation
import Volume

/// The grids the phantom cases share, and the plane construction that keeps every header value exact.
enum PhantomCaseGrid {
    /// CT slices: 192 columns × 128 rows of 2 mm pixels (384 × 256 mm, the whole body), 50 slices 2 mm apart.
    static let ctColumns = 192, ctRows = 128, ctPixel = 2.0
    static let ctSlices = 50, ctStep = 2.0
    /// z of the first (most inferior) slice of the uniform CT grid: slices at −49, −47, … 49 mm.
    static let ctFirstZ = -49.0

    /// PET slices: 96 × 64 pixels of 4 mm, 30 slices 4 mm apart at −58, −54, … 58 mm.
    static let petColumns = 96, petRows = 64, petPixel = 4.0
    static let petSlices = 30, petStep = 4.0, petFirstZ = -58.0

    /// The `tilt` angle, and its cosine and sine as written in ImageOrientationPatient (10 decimals).
    static let tiltDegrees = 15.0
    static let tiltCos = exact(cos(tiltDegrees * .pi / 180), decimals: 10)
    static let tiltSin = exact(sin(tiltDegrees * .pi / 180), decimals: 10)
    /// The tilted column direction (0, cos t, −sin t): GE's convention for a positive GantryDetectorTilt.
    static let tiltColumn = Vector3(0, tiltCos, -tiltSin)

    /// `value` rounded to `decimals` places: the nearest double to a short decimal, so the DS text the
    /// writer produces parses back to exactly this value.
    static func exact(_ value: Double, decimals: Int = 6) -> Double {
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }

    /// The plane of `rows × columns` pixels of `spacing` mm whose centre is `centre`, its position rounded to 1 µm.
    static func plane(centre: Vector3, row: Vector3, column: Vector3, spacing: Double, rows: Int, columns: Int) -> ImagePlane {
        let corner = centre - row * (Double(columns - 1) / 2 * spacing) - column * (Double(rows - 1) / 2 * spacing)
        return ImagePlane(
            position: Vector3(exact(corner.x), exact(corner.y), exact(corner.z)), rowDirection: row, columnDirection: column,
            rowSpacing: spacing, columnSpacing: spacing, rows: rows, columns: columns)
    }

    /// An axial CT plane centred on the patient's z axis at `z`.
    static func axialCT(z: Double) -> ImagePlane {
        plane(centre: Vector3(0, 0, z), row: Vector3(1, 0, 0), column: Vector3(0, 1, 0), spacing: ctPixel, rows: ctRows, columns: ctColumns)
    }

    /// A tilted CT plane (`tiltColumn`) centred on `centre`.
    static func tiltedCT(centre: Vector3) -> ImagePlane {
        plane(centre: centre, row: Vector3(1, 0, 0), column: tiltColumn, spacing: ctPixel, rows: ctRows, columns: ctColumns)
    }

    /// The deterministic jitter of slice `k` in `uneven-small`: a hash of `k` mapped to −0.040…0.040 mm in 1 µm steps.
    static func jitter(_ k: Int) -> Double {
        var h = UInt64(k + 1) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return Double(Int(h % 80_001) - 40_000) / 1_000_000
    }
}
