import Foundation

/// DICOM's CIELab colours (PS3.3 C.10.7.1.1: L*, a*, b* scaled to 0…65535, D50 white) turned into sRGB.
public enum CIELab {
    /// sRGB (0…255) of a DICOM-scaled CIELab triplet, as DICOM and highdicom define it: Lab (D50) → XYZ (D50)
    /// → Bradford-adapted XYZ (D65) → linear sRGB → gamma-encoded, clipped.
    public static func sRGB(dicom values: [Int]) -> SIMD3<UInt8>? {
        guard values.count == 3 else { return nil }
        let l = Double(values[0]) / 65535 * 100
        let a = Double(values[1]) / 65535 * 255 - 128
        let b = Double(values[2]) / 65535 * 255 - 128
        let fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200
        func inverse(_ t: Double) -> Double { t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29) }
        let x50 = 0.96422 * inverse(fx), y50 = inverse(fy), z50 = 0.82521 * inverse(fz)
        // Bradford D50 → D65.
        let x = 0.9555766 * x50 - 0.0230393 * y50 + 0.0631636 * z50
        let y = -0.0282895 * x50 + 1.0099416 * y50 + 0.0210077 * z50
        let z = 0.0122982 * x50 - 0.0204830 * y50 + 1.3299098 * z50
        let linear = [
            3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
            -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
            0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
        ]
        let encoded = linear.map { c -> UInt8 in
            let v = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
            return UInt8((min(max(v, 0), 1) * 255).rounded())
        }
        return SIMD3(encoded[0], encoded[1], encoded[2])
    }
}
