/// A transfer syntax: how a data set's bytes are encoded (VR explicitness, byte order, deflate, pixel compression).
public struct TransferSyntax: Hashable, Sendable, CustomStringConvertible {
    /// The transfer syntax UID.
    public let uid: String
    /// A human-readable name.
    public let name: String
    /// True when each element carries its VR.
    public let isExplicitVR: Bool
    /// True for big-endian byte order.
    public let isBigEndian: Bool
    /// True when the data set after the meta group is raw-deflate compressed.
    public let isDeflated: Bool
    /// True when pixel data is encapsulated in fragments.
    public let isEncapsulated: Bool
    /// True when encapsulated pixel data is compressed (everything encapsulated except 1.2.840.10008.1.2.1.98).
    public let isCompressed: Bool

    init(_ uid: String, _ name: String, explicit: Bool = true, bigEndian: Bool = false,
         deflated: Bool = false, encapsulated: Bool = true, compressed: Bool = true) {
        self.uid = uid
        self.name = name
        isExplicitVR = explicit
        isBigEndian = bigEndian
        isDeflated = deflated
        isEncapsulated = encapsulated
        isCompressed = compressed
    }

    /// The known syntax with this UID, or an explicit little-endian encapsulated syntax named "unknown"
    /// (the standard requires every other syntax to encode the data set that way).
    public init(uid: String) {
        let utf8 = uid.utf8
        let trimmed = String(uid[..<(utf8.firstIndex { $0 == 0 || $0 == UInt8(ascii: " ") } ?? utf8.endIndex)])
        self = TransferSyntax.byUID[trimmed] ?? TransferSyntax(trimmed, "Unknown Transfer Syntax")
    }

    /// "name (uid)".
    public var description: String { "\(name) (\(uid))" }

    public static let implicitVRLittleEndian = TransferSyntax(
        "1.2.840.10008.1.2", "Implicit VR Little Endian", explicit: false, encapsulated: false, compressed: false)
    public static let explicitVRLittleEndian = TransferSyntax(
        "1.2.840.10008.1.2.1", "Explicit VR Little Endian", encapsulated: false, compressed: false)
    public static let encapsulatedUncompressed = TransferSyntax(
        "1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", compressed: false)
    public static let deflatedExplicitVRLittleEndian = TransferSyntax(
        "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated: true, encapsulated: false, compressed: false)
    public static let explicitVRBigEndian = TransferSyntax(
        "1.2.840.10008.1.2.2", "Explicit VR Big Endian", bigEndian: true, encapsulated: false, compressed: false)
    public static let rleLossless = TransferSyntax("1.2.840.10008.1.2.5", "RLE Lossless")
    public static let jpegBaseline = TransferSyntax("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)")
    public static let jpegExtended = TransferSyntax("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)")
    public static let jpegLossless = TransferSyntax("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)")
    public static let jpegLosslessSV1 = TransferSyntax("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14, SV1)")
    public static let jpegLSLossless = TransferSyntax("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless")
    public static let jpegLSNearLossless = TransferSyntax("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless")
    public static let jpeg2000Lossless = TransferSyntax("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless")
    public static let jpeg2000 = TransferSyntax("1.2.840.10008.1.2.4.91", "JPEG 2000")
    public static let htj2kLossless = TransferSyntax("1.2.840.10008.1.2.4.201", "HTJ2K Lossless")
    public static let htj2kLosslessRPCL = TransferSyntax("1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL")
    public static let htj2k = TransferSyntax("1.2.840.10008.1.2.4.203", "HTJ2K")

    /// Every transfer syntax this layer recognises by UID.
    public static let known: [TransferSyntax] = [
        implicitVRLittleEndian, explicitVRLittleEndian, encapsulatedUncompressed, deflatedExplicitVRLittleEndian,
        explicitVRBigEndian, rleLossless, jpegBaseline, jpegExtended, jpegLossless, jpegLosslessSV1,
        jpegLSLossless, jpegLSNearLossless, jpeg2000Lossless, jpeg2000, htj2kLossless, htj2kLosslessRPCL, htj2k,
    ]

    private static let byUID = Dictionary(uniqueKeysWithValues: known.map { ($0.uid, $0) })
}
