import Foundation
import Volume

extension PatientAnatomy {
    /// Standard deviation (HU) of the CT's white noise.
    static let ctNoiseHU = 12.0
    /// Full width at half maximum (mm) of the PET's Gaussian point-spread function.
    static let petFWHM = 6.0
    /// Counts per voxel per unit of SUV, which set the PET's Poisson-like noise (about 13 % in the liver).
    static let petCountsPerSUV = 25.0

    private static let texture = SeededNoise(seed: 1), ctNoise = SeededNoise(seed: 2), petNoise = SeededNoise(seed: 3)

    /// CT numbers (HU) at the pixel centres of the axial `plane`, row-major: each pixel's tissue with its texture,
    /// plus white noise seeded by (column, row, `slice`).
    func ctHounsfield(_ plane: ImagePlane, slice k: Int) -> [Double] {
        let z = plane.position.z
        var tissues = [BodyTissue](repeating: .air, count: plane.rows * plane.columns)
        for part in parts {
            guard let shape = part.shape.restricted(toZ: z, margin: 0), let (columns, rows) = Self.pixels(of: part.bounds, in: plane) else { continue }
            for j in rows {
                let y = plane.position.y + Double(j) * plane.rowSpacing
                for i in columns {
                    let d = shape.distance(plane.position.x + Double(i) * plane.columnSpacing, y, z)
                    if d <= 0 { tissues[j * plane.columns + i] = part.tissue(atDepth: -d) }
                }
            }
        }
        let table = BodyTissue.allCases.map { ($0.hounsfield, $0.texture, 1 / $0.grain) }
        var out = [Double](repeating: 0, count: tissues.count)
        for j in 0..<plane.rows {
            let y = plane.position.y + Double(j) * plane.rowSpacing
            for i in 0..<plane.columns {
                let n = j * plane.columns + i, x = plane.position.x + Double(i) * plane.columnSpacing
                let (hu, amplitude, scale) = table[tissues[n].rawValue]
                let grain = amplitude > 0 ? amplitude * Self.texture.smooth(x * scale, y * scale, z * scale) : 0
                out[n] = hu + grain + Self.ctNoiseHU * Self.ctNoise.gaussian(i, j, k)
            }
        }
        return out
    }

    /// FDG uptake (SUVbw) at the pixel centres of the axial `plane`, row-major, as a scanner shows it: blurred by a
    /// Gaussian PSF and with Poisson-like noise (spatially correlated, variance proportional to the uptake).
    ///
    /// The blur is analytic, so a slice needs no neighbours: each part's edge is blurred as a plane edge would be
    /// (the normal CDF of its signed distance over σ), which is close for surfaces curved much less than σ; the
    /// lesions, being spheres, are blurred exactly.
    func petSUV(_ plane: ImagePlane, slice k: Int) -> [Double] {
        let z = plane.position.z, sigma = Self.petFWHM / (8 * log(2)).squareRoot(), reach = 3 * sigma
        var suv = [Double](repeating: 0, count: plane.rows * plane.columns)
        for part in parts where part.pet {
            guard let shape = part.shape.restricted(toZ: z, margin: reach),
                  let (columns, rows) = Self.pixels(of: part.bounds.expanded(by: reach), in: plane) else { continue }
            for j in rows {
                let y = plane.position.y + Double(j) * plane.rowSpacing
                for i in columns {
                    let d = shape.distance(plane.position.x + Double(i) * plane.columnSpacing, y, z)
                    guard d < reach else { continue }
                    let n = j * plane.columns + i
                    for layer in part.layers {
                        suv[n] += (layer.tissue.suv - suv[n]) * 0.5 * erfc((d + layer.depth) / (sigma * 2.0.squareRoot()))
                    }
                }
            }
        }
        for lesion in lesions {
            guard let (columns, rows) = Self.pixels(of: BodyShape.sphere(lesion.centre, lesion.radius + reach).bounds, in: plane) else { continue }
            for j in rows {
                for i in columns {
                    let p = plane.world(column: Double(i), row: Double(j)), n = j * plane.columns + i
                    suv[n] += (lesion.suv - suv[n]) * Self.blurredSphere(distance: (p - lesion.centre).length, radius: lesion.radius, sigma: sigma)
                }
            }
        }
        for j in 0..<plane.rows {
            let y = plane.position.y + Double(j) * plane.rowSpacing
            for i in 0..<plane.columns {
                let n = j * plane.columns + i, x = plane.position.x + Double(i) * plane.columnSpacing
                guard suv[n] > 0 else { continue }
                let unit = 1.6 * Self.petNoise.smooth(x / 6, y / 6, z / 6) + 0.5 * Self.petNoise.gaussian(i, j, k)
                suv[n] = max(0, suv[n] + (suv[n] / Self.petCountsPerSUV).squareRoot() * unit)
            }
        }
        return suv
    }

    /// A uniform sphere of unit value and radius R convolved with an isotropic Gaussian of σ, at distance r from its
    /// centre (the closed form of the 3D convolution).
    static func blurredSphere(distance r: Double, radius R: Double, sigma: Double) -> Double {
        let s2 = sigma * 2.0.squareRoot()
        guard r > 1e-6 else { return erf(R / s2) - (2 / Double.pi).squareRoot() * R / sigma * exp(-R * R / (s2 * s2)) }
        let near = (R - r) / s2, far = (R + r) / s2
        return 0.5 * (erf(near) + erf(far)) - sigma / (r * (2 * Double.pi).squareRoot()) * (exp(-near * near) - exp(-far * far))
    }

    /// The columns and rows of an axial plane whose pixel centres lie in `bounds`, or nil when none do.
    static func pixels(of bounds: Bounds, in plane: ImagePlane) -> (ClosedRange<Int>, ClosedRange<Int>)? {
        let z = plane.position.z
        guard bounds.low.z <= z, z <= bounds.high.z else { return nil }
        func range(_ low: Double, _ high: Double, origin: Double, step: Double, count: Int) -> ClosedRange<Int>? {
            let first = max(0, ((low - origin) / step).rounded(.up)), last = min(Double(count - 1), ((high - origin) / step).rounded(.down))
            return first <= last ? Int(first)...Int(last) : nil
        }
        guard let columns = range(bounds.low.x, bounds.high.x, origin: plane.position.x, step: plane.columnSpacing, count: plane.columns),
              let rows = range(bounds.low.y, bounds.high.y, origin: plane.position.y, step: plane.rowSpacing, count: plane.rows) else { return nil }
        return (columns, rows)
    }
}
