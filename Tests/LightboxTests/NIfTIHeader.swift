import Foundation

/// The geometry fields of a little-endian NIfTI-1 header (348 bytes): dim, pixdim, sform_code and the sform rows.
/// The sform maps voxel (i, j, k, 1) to RAS mm; `lps(i:j:k:)` negates its first two rows for DICOM's LPS.
struct NIfTIHeader {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// dim[0] is the number of dimensions, dim[1…3] the grid, dim[4] the volumes.
    var dim: [Int]
    var pixdim: [Double]
    var sformCode: Int
    /// srow_x, srow_y, srow_z: 3 × 4, RAS.
    var sform: [[Double]]

    init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard data.count >= 348 else { throw Invalid(description: "\(url.lastPathComponent): \(data.count) bytes, a NIfTI-1 header has 348") }
        let bytes = [UInt8](data.prefix(348))
        func int16(_ offset: Int) -> Int { Int(Int16(bitPattern: UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8)) }
        func int32(_ offset: Int) -> Int {
            Int(Int32(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }))
        }
        func float32(_ offset: Int) -> Double {
            Double(Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }))
        }
        guard int32(0) == 348 else { throw Invalid(description: "\(url.lastPathComponent): sizeof_hdr is \(int32(0)), not 348 (not little-endian NIfTI-1)") }
        dim = (0..<8).map { int16(40 + 2 * $0) }
        pixdim = (0..<8).map { float32(76 + 4 * $0) }
        sformCode = int16(254)
        sform = [280, 296, 312].map { row in (0..<4).map { float32(row + 4 * $0) } }
    }

    /// The volumes of a 4D file (dim[4]), 1 for 3D.
    var volumes: Int { dim[0] >= 4 ? max(dim[4], 1) : 1 }

    /// Voxel (i, j, k) in patient LPS mm.
    func lps(i: Int, j: Int, k: Int) -> [Double] {
        let ras = sform.map { $0[0] * Double(i) + $0[1] * Double(j) + $0[2] * Double(k) + $0[3] }
        return [-ras[0], -ras[1], ras[2]]
    }

    /// The eight corner voxel centres with their (i, j, k).
    var corners: [(i: Int, j: Int, k: Int, lps: [Double])] {
        var result: [(i: Int, j: Int, k: Int, lps: [Double])] = []
        for k in [0, dim[3] - 1] {
            for j in [0, dim[2] - 1] {
                for i in [0, dim[1] - 1] { result.append((i, j, k, lps(i: i, j: j, k: k))) }
            }
        }
        return result
    }
}
