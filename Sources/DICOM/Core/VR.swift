/// A DICOM value representation: the two-letter type code of a data element.
public struct VR: Hashable, Sendable, CustomStringConvertible {
    /// The two ASCII letters, first letter in the high byte.
    public let code: UInt16

    init(_ first: UInt8, _ second: UInt8) {
        code = UInt16(first) << 8 | UInt16(second)
    }

    /// The VR whose two bytes are given, or nil when they are not a known VR.
    public init?(bytes first: UInt8, _ second: UInt8) {
        guard VR.isDefined(first, second) else { return nil }
        self = VR(first, second)
    }

    /// The VR named by a two-letter string such as "DS", or nil when unknown.
    public init?(_ name: String) {
        let bytes = Array(name.utf8)
        guard bytes.count == 2 else { return nil }
        self.init(bytes: bytes[0], bytes[1])
    }

    /// The two letters, e.g. "OB".
    public var description: String {
        String(decoding: [UInt8(code >> 8), UInt8(code & 0xFF)], as: UTF8.self)
    }

    public static let AE = VR(0x41, 0x45), AS = VR(0x41, 0x53), AT = VR(0x41, 0x54)
    public static let CS = VR(0x43, 0x53), DA = VR(0x44, 0x41), DS = VR(0x44, 0x53)
    public static let DT = VR(0x44, 0x54), FL = VR(0x46, 0x4C), FD = VR(0x46, 0x44)
    public static let IS = VR(0x49, 0x53), LO = VR(0x4C, 0x4F), LT = VR(0x4C, 0x54)
    public static let OB = VR(0x4F, 0x42), OD = VR(0x4F, 0x44), OF = VR(0x4F, 0x46)
    public static let OL = VR(0x4F, 0x4C), OV = VR(0x4F, 0x56), OW = VR(0x4F, 0x57)
    public static let PN = VR(0x50, 0x4E), SH = VR(0x53, 0x48), SL = VR(0x53, 0x4C)
    public static let SQ = VR(0x53, 0x51), SS = VR(0x53, 0x53), ST = VR(0x53, 0x54)
    public static let SV = VR(0x53, 0x56), TM = VR(0x54, 0x4D), UC = VR(0x55, 0x43)
    public static let UI = VR(0x55, 0x49), UL = VR(0x55, 0x4C), UN = VR(0x55, 0x4E)
    public static let UR = VR(0x55, 0x52), US = VR(0x55, 0x53), UT = VR(0x55, 0x54)
    public static let UV = VR(0x55, 0x56)

    /// Every VR defined by the standard.
    public static let all: Set<VR> = [
        AE, AS, AT, CS, DA, DS, DT, FL, FD, IS, LO, LT, OB, OD, OF, OL, OV, OW,
        PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ]

    /// True when the two bytes name a VR in `all`: one table lookup and a bit test, as the parser asks once per
    /// element (a switch over the 34 pairs compiled to a chain of comparisons, a set lookup hashes).
    static func isDefined(_ first: UInt8, _ second: UInt8) -> Bool {
        let a = UInt8(ascii: "A"), z = UInt8(ascii: "Z")
        guard first >= a, first <= z, second >= a, second <= z else { return false }
        return secondLetters[Int(first - a)] & 1 << (second - a) != 0
    }

    /// For each first letter A-Z, the second letters of the VRs in `all` as bits (bit 0 for A).
    private static let secondLetters: [UInt32] = {
        var masks = [UInt32](repeating: 0, count: 26)
        for vr in all { masks[Int(vr.code >> 8) - 0x41] |= 1 << (UInt32(vr.code & 0xFF) - 0x41) }
        return masks
    }()

    /// True when explicit VR encoding uses 2 reserved bytes and a 4-byte length.
    public var hasLongLength: Bool {
        switch self {
        case .OB, .OD, .OF, .OL, .OV, .OW, .SQ, .SV, .UC, .UN, .UR, .UT, .UV: return true
        default: return false
        }
    }

    /// True for character string VRs.
    public var isText: Bool {
        switch self {
        case .AE, .AS, .CS, .DA, .DS, .DT, .IS, .LO, .LT, .PN, .SH, .ST, .TM, .UC, .UI, .UR, .UT:
            return true
        default: return false
        }
    }

    /// True for text VRs whose leading spaces are significant (LT, ST, UT, UR).
    var keepsLeadingSpaces: Bool { self == .LT || self == .ST || self == .UT || self == .UR }

    /// The byte that pads an odd-length value: a space for text (except UI), NUL otherwise.
    public var paddingByte: UInt8 { isText && self != .UI ? 0x20 : 0x00 }

    /// Size in bytes of the unit whose byte order a big-endian encoding reverses (1 = none).
    var byteSwapUnit: Int {
        switch self {
        case .US, .SS, .OW, .AT: return 2
        case .UL, .SL, .FL, .OF, .OL: return 4
        case .FD, .OD, .SV, .UV, .OV: return 8
        default: return 1
        }
    }
}
