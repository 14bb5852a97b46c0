import Foundation

/// DICOM's CIELab colours (PS3.3 C.10.7.1.1: L*, a*, b* scaled to 0…65535) turned into sRGB.
public enum CIELab {
    /// sRGB (0…255) of a DICOM-scaled CIELab triplet, converted as highdicom and PixelMed do: Lab → XYZ relative to
    /// the D65 white (95.047, 100, 108.883) → linear sRGB → gamma-encoded, rounded and clipped.
    public static func sRGB(dicom values: [Int]) -> SIMD3<UInt8>? {
        guard values.count == 3 else { return nil }
        let l = Double(values[0]) / 65535 * 100
        let a = Double(values[1]) / 65535 * 255 - 128
        let b = Double(values[2]) / 65535 * 255 - 128
        let fy = (l + 16) / 116, fx = a / 500 + fy, fz = fy - b / 200
        func inverse(_ c: Double) -> Double { c * c * c > 0.008856 ? c * c * c : (c - 16.0 / 116) / 7.787 }
        let x = 0.95047 * inverse(fx), y = inverse(fy), z = 1.08883 * inverse(fz)
        let linear = [
            x * 3.2406 + y * -1.5372 + z * -0.4986,
            x * -0.9689 + y * 1.8758 + z * 0.0415,
            x * 0.0557 + y * -0.2040 + z * 1.0570,
        ]
        let encoded = linear.map { c -> UInt8 in
            let v = c > 0.0031308 ? 1.055 * pow(c, 1 / 2.4) - 0.055 : 12.92 * c
            return UInt8((min(max(v, 0), 1) * 255).rounded())
        }
        return SIMD3(encoded[0], encoded[1], encoded[2])
    }
}
