/// A NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header, either byte order, with the fields the reader uses.
///
/// Parsing checks what a header alone can say (sizes, dimensions, datatype, voxel offset); whether the file
/// holds the declared voxels is checked by `NIfTIFile` against the file's size before anything is allocated.
public struct NIfTIHeader: Sendable {
    public enum Version: Int, Sendable { case one = 1, two = 2 }

    public var version: Version
    public var bigEndian: Bool
    /// dim[1…dim[0]]: the size along each dimension (x, y, z, t, …), every entry ≥ 1.
    public var dimensions: [Int]
    public var datatype: NIfTIDatatype
    /// pixdim[0…7]; pixdim[0] is qfac.
    public var pixdim: [Double]
    public var voxOffset: Int
    public var sclSlope: Double
    public var sclInter: Double
    public var qformCode: Int
    public var sformCode: Int
    /// quatern_b, c, d and qoffset_x, y, z.
    public var quaternion: SIMD3<Double>
    public var qoffset: SIMD3<Double>
    /// srow_x, srow_y, srow_z (RAS mm).
    public var srow: [SIMD4<Double>]
    public var intentCode: Int
    /// cal_min and cal_max: the display range the writer suggests (both 0 when unset).
    public var calibration: (min: Double, max: Double)
    public var descrip: String

    /// Bytes the smallest header of each version occupies.
    public static let sizeOne = 348, sizeTwo = 540
    /// The largest dimension the reader accepts along one axis.
    public static let maxDimension = 1 << 20

    /// Parses the header at the start of `bytes` (at least 348 bytes; 540 for NIfTI-2). `file` names the file in errors.
    public init(_ bytes: [UInt8], file: String) throws(NIfTIError) {
        guard bytes.count >= 4 else { throw .notNIfTI(file: file, reason: "only \(bytes.count) bytes") }
        let little = Reader(bytes: bytes, bigEndian: false)
        let size = little.int32(0)
        let bigEndian: Bool
        if size == Int32(Self.sizeOne) || size == Int32(Self.sizeTwo) { bigEndian = false }
        else if size.byteSwapped == Int32(Self.sizeOne) || size.byteSwapped == Int32(Self.sizeTwo) { bigEndian = true }
        else { throw .notNIfTI(file: file, reason: "sizeof_hdr is \(size), not 348 or 540") }
        let r = Reader(bytes: bytes, bigEndian: bigEndian)
        let two = r.int32(0) == Int32(Self.sizeTwo)
        guard bytes.count >= (two ? Self.sizeTwo : Self.sizeOne) else {
            throw .notNIfTI(file: file, reason: "the header is cut off after \(bytes.count) bytes")
        }
        self.bigEndian = bigEndian
        version = two ? .two : .one
        let magic = two ? Array(bytes[4..<7]) : Array(bytes[344..<347])
        if magic == Array((two ? "ni2" : "ni1").utf8) {
            throw .notNIfTI(file: file, reason: "a .hdr/.img pair; only single-file .nii and .nii.gz are read")
        }
        guard magic == Array((two ? "n+2" : "n+1").utf8) else {
            throw .notNIfTI(file: file, reason: "magic \(String(decoding: magic, as: UTF8.self).debugDescription) is not \(two ? "n+2" : "n+1")")
        }
        let dim: [Int], code: Int
        if two {
            dim = (0..<8).map { r.int64(16 + 8 * $0) }
            code = Int(r.int16(12))
            pixdim = (0..<8).map { r.double(104 + 8 * $0) }
            voxOffset = r.int64(168)
            sclSlope = r.double(176); sclInter = r.double(184)
            qformCode = Int(r.int32(344)); sformCode = Int(r.int32(348))
            quaternion = SIMD3(r.double(352), r.double(360), r.double(368))
            qoffset = SIMD3(r.double(376), r.double(384), r.double(392))
            srow = (0..<3).map { row in SIMD4((0..<4).map { r.double(400 + 32 * row + 8 * $0) }) }
            intentCode = Int(r.int32(504))
            calibration = (r.double(200), r.double(192))
            descrip = Self.text(bytes[240..<320])
        } else {
            dim = (0..<8).map { Int(r.int16(40 + 2 * $0)) }
            code = Int(r.int16(70))
            pixdim = (0..<8).map { Double(r.float(76 + 4 * $0)) }
            let offset = Double(r.float(108))
            guard offset.isFinite, offset >= 0, offset < Double(Int32.max) else {
                throw .invalidHeader(file: file, reason: "vox_offset \(offset) is not a byte offset")
            }
            voxOffset = Int(offset)
            sclSlope = Double(r.float(112)); sclInter = Double(r.float(116))
            qformCode = Int(r.int16(252)); sformCode = Int(r.int16(254))
            quaternion = SIMD3(Double(r.float(256)), Double(r.float(260)), Double(r.float(264)))
            qoffset = SIMD3(Double(r.float(268)), Double(r.float(272)), Double(r.float(276)))
            srow = (0..<3).map { row in SIMD4((0..<4).map { Double(r.float(280 + 16 * row + 4 * $0)) }) }
            intentCode = Int(r.int16(68))
            calibration = (Double(r.float(128)), Double(r.float(124)))
            descrip = Self.text(bytes[148..<228])
        }
        guard (1...7).contains(dim[0]) else { throw .invalidHeader(file: file, reason: "dim[0] is \(dim[0]), not 1…7") }
        dimensions = Array(dim[1...dim[0]])
        guard dimensions.allSatisfy({ (1...Self.maxDimension).contains($0) }) else {
            throw .invalidHeader(file: file, reason: "dimensions \(dimensions) must each be 1…\(Self.maxDimension)")
        }
        guard let type = NIfTIDatatype(rawValue: code) else { throw .unsupportedDatatype(file: file, code: code) }
        datatype = type
        let minimumOffset = two ? Self.sizeTwo : Self.sizeOne
        guard voxOffset >= minimumOffset else {
            throw .invalidHeader(file: file, reason: "vox_offset \(voxOffset) lies inside the \(minimumOffset)-byte header")
        }
    }

    /// x, y and z sizes (1 for absent dimensions).
    public var spatialDimensions: SIMD3<Int> {
        SIMD3(dimensions[0], dimensions.count > 1 ? dimensions[1] : 1, dimensions.count > 2 ? dimensions[2] : 1)
    }

    /// The number of 3D volumes (the product of dimensions 4…7).
    public var volumeCount: Int { dimensions.dropFirst(3).reduce(1, *) }

    /// Bytes of the voxel data the header declares, or nil when the product overflows.
    public var declaredBytes: Int? {
        var total = datatype.byteCount
        for d in dimensions {
            let (product, overflow) = total.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// Bytes of one 3D volume's x-y slice.
    public var sliceBytes: Int { spatialDimensions.x * spatialDimensions.y * datatype.byteCount }

    /// The scaling nibabel applies: `scl_slope` of 0, NaN or ±∞ means none; a non-finite `scl_inter` is 0.
    public var scaling: (slope: Double, intercept: Double) {
        guard sclSlope != 0, sclSlope.isFinite else { return (1, 0) }
        return (sclSlope, sclInter.isFinite ? sclInter : 0)
    }

    private static func text(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Fixed-offset reads in one byte order.
    private struct Reader {
        let bytes: [UInt8]
        let bigEndian: Bool

        func raw<T: FixedWidthInteger>(_: T.Type, _ offset: Int) -> T {
            let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
            return bigEndian ? T(bigEndian: value) : T(littleEndian: value)
        }
        func int16(_ o: Int) -> Int16 { raw(Int16.self, o) }
        func int32(_ o: Int) -> Int32 { raw(Int32.self, o) }
        func int64(_ o: Int) -> Int { Int(truncatingIfNeeded: raw(Int64.self, o)) }
        func float(_ o: Int) -> Float { Float(bitPattern: raw(UInt32.self, o)) }
        func double(_ o: Int) -> Double { Double(bitPattern: raw(UInt64.self, o)) }
    }
}
