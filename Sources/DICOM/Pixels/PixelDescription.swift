/// The layout of native pixel data, read and validated from the Image Pixel module.
public struct PixelDescription: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var samplesPerPixel: Int
    public var bitsAllocated: Int
    public var bitsStored: Int
    public var highBit: Int
    /// 0 unsigned, 1 two's complement.
    public var pixelRepresentation: Int
    /// 0 interleaved (RGBRGB…), 1 planar (RRR…GGG…BBB…) in the source; decoded output is always interleaved.
    public var planarConfiguration: Int
    public var photometricInterpretation: String
    public var numberOfFrames: Int
    /// Which element holds the pixels: (7FE0,0010), Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data.
    public var pixelDataTag: Tag
    /// Rescale from the top level or the shared functional groups (not applied to decoded values).
    public var rescale: Rescale

    /// Reads and validates the pixel attributes; impossible values are typed errors naming the attribute.
    public init(dataSet ds: DataSet) throws(DICOMError) {
        pixelDataTag = ds.contains(.floatPixelData) ? .floatPixelData
            : ds.contains(.doubleFloatPixelData) ? .doubleFloatPixelData : .pixelData
        rows = try PixelDescription.positive(ds, .rows)
        columns = try PixelDescription.positive(ds, .columns)
        samplesPerPixel = try PixelDescription.optional(ds, .samplesPerPixel, default: 1, allowed: 1...4)
        let floatBits = pixelDataTag == .floatPixelData ? 32 : pixelDataTag == .doubleFloatPixelData ? 64 : nil
        if let floatBits { bitsAllocated = floatBits } else { bitsAllocated = try ds.requireInt(.bitsAllocated) }
        guard [1, 8, 16, 32, 64].contains(bitsAllocated), floatBits != nil || bitsAllocated != 64 else {
            throw .invalidPixelAttribute(tag: .bitsAllocated, value: bitsAllocated, reason: "must be 1, 8, 16 or 32 (64 only for Double Float Pixel Data)")
        }
        if let floatBits, let declared = ds.int(.bitsAllocated), declared != floatBits {
            throw .invalidPixelAttribute(tag: .bitsAllocated, value: declared, reason: "must be \(floatBits) for \(pixelDataTag)")
        }
        bitsStored = try PixelDescription.optional(ds, .bitsStored, default: bitsAllocated, allowed: 1...bitsAllocated)
        highBit = try PixelDescription.optional(ds, .highBit, default: bitsStored - 1,
                                                allowed: (bitsStored - 1)...(bitsAllocated - 1))
        pixelRepresentation = try PixelDescription.optional(ds, .pixelRepresentation, default: 0, allowed: 0...1)
        planarConfiguration = try PixelDescription.optional(ds, .planarConfiguration, default: 0, allowed: 0...1)
        numberOfFrames = try PixelDescription.optional(ds, .numberOfFrames, default: 1, allowed: 1...Int(Int32.max))
        photometricInterpretation = ds.string(.photometricInterpretation) ?? (samplesPerPixel == 1 ? "MONOCHROME2" : "RGB")
        rescale = Rescale(dataSet: ds)
        let product = [columns, samplesPerPixel, 8, numberOfFrames].reduce(Optional(rows)) { partial, factor in
            partial.flatMap { value in
                let (result, overflow) = value.multipliedReportingOverflow(by: factor)
                return overflow ? nil : result
            }
        }
        guard product != nil else {
            throw .invalidPixelAttribute(tag: .numberOfFrames, value: numberOfFrames,
                                         reason: "rows × columns × samples × frames overflows")
        }
        if isSubsampled422, bitsAllocated != 8 || columns % 2 == 1 || planarConfiguration == 1 {
            throw .invalidPixelAttribute(tag: .bitsAllocated, value: bitsAllocated,
                                         reason: "native YBR_FULL_422 is decoded only for 8 bits, even columns, interleaved")
        }
    }

    /// True for Float and Double Float Pixel Data.
    public var isFloat: Bool { pixelDataTag != .pixelData }

    /// Samples in one frame (rows × columns × samples per pixel).
    public var samplesPerFrame: Int { rows * columns * samplesPerPixel }

    /// True for native YBR_FULL_422, stored as Y1 Y2 Cb Cr per pair of pixels (decoded to 3 samples per pixel).
    public var isSubsampled422: Bool { photometricInterpretation == "YBR_FULL_422" && samplesPerPixel == 3 }

    /// Bytes of one frame in the source (1-bit frames rounded up to whole bytes; 4:2:2 frames two-thirds size).
    public var storedBytesPerFrame: Int {
        if bitsAllocated == 1 { return (samplesPerFrame + 7) / 8 }
        let full = samplesPerFrame * bitsAllocated / 8
        return isSubsampled422 ? full / 3 * 2 : full
    }

    /// Bytes of one decoded frame (1-bit samples decode to one byte each).
    public var decodedBytesPerFrame: Int { samplesPerFrame * max(1, bitsAllocated / 8) }

    /// Source bytes needed for all frames (1-bit frames are packed back to back without byte alignment).
    public var storedBytesForAllFrames: Int {
        bitsAllocated == 1 ? (samplesPerFrame * numberOfFrames + 7) / 8 : storedBytesPerFrame * numberOfFrames
    }

    private static func positive(_ ds: DataSet, _ tag: Tag) throws(DICOMError) -> Int {
        let value = try ds.requireInt(tag)
        guard value >= 1 else { throw .invalidPixelAttribute(tag: tag, value: value, reason: "must be at least 1") }
        return value
    }

    private static func optional(_ ds: DataSet, _ tag: Tag, default fallback: Int,
                                 allowed: ClosedRange<Int>) throws(DICOMError) -> Int {
        guard let element = ds[tag], case .bytes(let raw) = element.value, !raw.isEmpty,
              !(element.vr.isText && ds.string(tag) == "") else { return fallback }
        let value = try ds.requireInt(tag)
        guard allowed.contains(value) else {
            throw .invalidPixelAttribute(tag: tag, value: value, reason: "must be in \(allowed.lowerBound)...\(allowed.upperBound)")
        }
        return value
    }
}
