import Foundation

/// Deterministic noise for the synthetic patient: a seeded integer hash, white noise per voxel and smooth
/// value noise at any point, so every slice can be computed alone and every run gives the same values.
struct SeededNoise: Sendable {
    var seed: UInt64

    /// A well-mixed 64-bit hash of three lattice coordinates and the seed (SplitMix64's finalizer).
    func hash(_ i: Int, _ j: Int, _ k: Int) -> UInt64 {
        var h = seed &+ UInt64(bitPattern: Int64(i)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(bitPattern: Int64(j))) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ UInt64(bitPattern: Int64(k))) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 29)
    }

    /// A value in −1…1 for a lattice point.
    func lattice(_ i: Int, _ j: Int, _ k: Int) -> Double {
        Double(hash(i, j, k) >> 11) * (2.0 / 9_007_199_254_740_992) - 1
    }

    /// Roughly standard-normal white noise for a lattice point (sum of four uniforms, rescaled).
    func gaussian(_ i: Int, _ j: Int, _ k: Int) -> Double {
        let h = hash(i, j, k)
        let sum = (h & 0xFFFF) + (h >> 16 & 0xFFFF) + (h >> 32 & 0xFFFF) + (h >> 48)
        return (Double(sum) / 65535 - 2) * 1.7320508075688772
    }

    /// Smooth value noise in about −1…1 at (x, y, z) in units of the lattice: the lattice values
    /// interpolated with a smoothstep, so it is continuous everywhere.
    func smooth(_ x: Double, _ y: Double, _ z: Double) -> Double {
        let fx = x.rounded(.down), fy = y.rounded(.down), fz = z.rounded(.down)
        let i = Int(fx), j = Int(fy), k = Int(fz)
        let u = Self.fade(x - fx), v = Self.fade(y - fy), w = Self.fade(z - fz)
        func along(_ j: Int, _ k: Int) -> Double {
            let a = lattice(i, j, k)
            return a + (lattice(i + 1, j, k) - a) * u
        }
        let near = along(j, k) + (along(j + 1, k) - along(j, k)) * v
        let far = along(j, k + 1) + (along(j + 1, k + 1) - along(j, k + 1)) * v
        return near + (far - near) * w
    }

    private static func fade(_ t: Double) -> Double { t * t * (3 - 2 * t) }
}
