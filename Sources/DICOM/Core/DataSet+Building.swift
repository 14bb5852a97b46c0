import Foundation

/// Convenience setters that encode Swift values into element bytes for a given VR.
///
/// Numbers are converted to the VR's binary type with clamping (e.g. 70000 as US stores 65535), so pass
/// values of the right range. DS values are formatted within 16 characters; a non-finite DS/IS value
/// is stored as an empty value.
extension DataSet {
    /// Sets a text value (any text VR).
    public mutating func set(_ tag: Tag, _ vr: VR, _ value: String) {
        set(tag, vr, [value])
    }

    /// Sets a multi-valued text element (values joined with backslash).
    public mutating func set(_ tag: Tag, _ vr: VR, _ values: [String]) {
        insert(DataElement(tag: tag, vr: vr, value: .bytes(Data(values.joined(separator: "\\").utf8))))
    }

    /// Sets one integer, encoded per VR (binary for US/SS/UL/SL/SV/UV/FL/FD/O*, text for IS/DS and other text VRs).
    public mutating func set<T: BinaryInteger>(_ tag: Tag, _ vr: VR, _ value: T) {
        set(tag, vr, [value])
    }

    /// Sets integers, encoded per VR.
    public mutating func set<T: BinaryInteger>(_ tag: Tag, _ vr: VR, _ values: [T]) {
        let data: Data
        switch vr {
        case .US, .OW: data = BinaryValues.encode(values.map { UInt16(clamping: $0) })
        case .SS: data = BinaryValues.encode(values.map { Int16(clamping: $0) })
        case .UL, .OL: data = BinaryValues.encode(values.map { UInt32(clamping: $0) })
        case .SL: data = BinaryValues.encode(values.map { Int32(clamping: $0) })
        case .SV: data = BinaryValues.encode(values.map { Int64(clamping: $0) })
        case .UV, .OV: data = BinaryValues.encode(values.map { UInt64(clamping: $0) })
        case .FL, .OF: data = BinaryValues.encode(values.map { Float($0) })
        case .FD, .OD: data = BinaryValues.encode(values.map { Double($0) })
        case .OB, .UN: data = Data(values.map { UInt8(clamping: $0) })
        default: data = Data(values.map { String($0) }.joined(separator: "\\").utf8)
        }
        insert(DataElement(tag: tag, vr: vr, value: .bytes(data)))
    }

    /// Sets one floating-point number, encoded per VR (DS formatted within 16 characters).
    public mutating func set<T: BinaryFloatingPoint>(_ tag: Tag, _ vr: VR, _ value: T) {
        set(tag, vr, [value])
    }

    /// Sets floating-point numbers, encoded per VR (DS formatted within 16 characters, IS rounded).
    public mutating func set<T: BinaryFloatingPoint>(_ tag: Tag, _ vr: VR, _ values: [T]) {
        let doubles = values.map { Double($0) }
        switch vr {
        case .FL, .OF:
            insert(DataElement(tag: tag, vr: vr, value: .bytes(BinaryValues.encode(doubles.map { Float($0) }))))
        case .FD, .OD:
            insert(DataElement(tag: tag, vr: vr, value: .bytes(BinaryValues.encode(doubles))))
        case .DS:
            set(tag, vr, doubles.map { DecimalString.format($0) ?? "" })
        case .US, .SS, .UL, .SL, .SV, .UV, .OB, .OW, .OL, .OV, .UN, .IS:
            guard doubles.allSatisfy({ $0.isFinite }) else { set(tag, vr, [String]()); return }
            set(tag, vr, doubles.map { Int64(exactly: $0.rounded()) ?? ($0 < 0 ? .min : .max) })
        default:
            set(tag, vr, doubles.map { DecimalString.format($0) ?? "" })
        }
    }

    /// Sets raw value bytes (little-endian for binary VRs).
    public mutating func set(_ tag: Tag, _ vr: VR, bytes: Data) {
        insert(DataElement(tag: tag, vr: vr, value: .bytes(bytes)))
    }

    /// Sets a sequence (SQ) of items.
    public mutating func set(_ tag: Tag, items: [DataSet]) {
        insert(DataElement(tag: tag, vr: .SQ, value: .sequence(items)))
    }

    /// Sets native integer Pixel Data (7FE0,0010): OB for 1-byte samples, OW otherwise. Image pixel
    /// attributes (rows, bits allocated, ...) are not touched: set them too.
    public mutating func setPixels<T: FixedWidthInteger & BitwiseCopyable>(_ values: [T]) {
        let vr: VR = MemoryLayout<T>.size == 1 ? .OB : .OW
        insert(DataElement(tag: .pixelData, vr: vr, value: .bytes(BinaryValues.encode(values))))
    }

    /// Sets Float Pixel Data (7FE0,0008), OF.
    public mutating func setPixels(_ values: [Float]) {
        insert(DataElement(tag: .floatPixelData, vr: .OF, value: .bytes(BinaryValues.encode(values))))
    }

    /// Sets Double Float Pixel Data (7FE0,0009), OD.
    public mutating func setPixels(_ values: [Double]) {
        insert(DataElement(tag: .doubleFloatPixelData, vr: .OD, value: .bytes(BinaryValues.encode(values))))
    }

    /// Sets encapsulated Pixel Data (7FE0,0010), OB, from fragments and an optional Basic Offset Table.
    public mutating func setEncapsulatedPixels(_ fragments: [Data], basicOffsetTable: [UInt32] = []) {
        let value = EncapsulatedPixelData(basicOffsetTable: basicOffsetTable, fragments: fragments)
        insert(DataElement(tag: .pixelData, vr: .OB, value: .encapsulated(value)))
    }
}
