import Foundation

/// Encodes data elements in one of the uncompressed encodings (explicit/implicit VR, little/big endian).
struct DataSetEncoder {
    let explicitVR: Bool
    let bigEndian: Bool
    let sequenceLength: DICOMWriter.SequenceLength

    private static let undefinedLength: UInt32 = 0xFFFF_FFFF

    /// Appends every element of the data set to `out`.
    func encode(_ dataSet: DataSet, into out: inout Data) throws(DICOMError) {
        let bitsAllocated = dataSet.int(.bitsAllocated)
        for element in dataSet.elements {
            try encode(element, bitsAllocated: bitsAllocated, into: &out)
        }
    }

    private func encode(_ element: DataElement, bitsAllocated: Int?, into out: inout Data) throws(DICOMError) {
        switch element.value {
        case .bytes(let data):
            var value = data
            if value.count % 2 == 1 { value.append(element.vr.paddingByte) }
            if bigEndian {
                let unit = PixelByteOrder.swapUnit(tag: element.tag, vr: element.vr, bitsAllocated: bitsAllocated)
                value = BinaryValues.swapped(value, unit: unit)
            }
            try appendHeader(element.tag, element.vr, length: value.count, into: &out)
            out.append(value)
        case .sequence(let items):
            try encodeSequence(element.tag, items: items, into: &out)
        case .encapsulated(let pixels):
            try encodeEncapsulated(element, pixels, into: &out)
        case .notLoaded:
            throw .pixelDataNotLoaded(name: "data set being written")
        }
    }

    private func encodeSequence(_ tag: Tag, items: [DataSet], into out: inout Data) throws(DICOMError) {
        switch sequenceLength {
        case .defined:
            var body = Data()
            for item in items {
                var itemBytes = Data()
                try encode(item, into: &itemBytes)
                try appendItemHeader(.item, length: itemBytes.count, into: &body)
                body.append(itemBytes)
            }
            try appendHeader(tag, .SQ, length: body.count, into: &out)
            out.append(body)
        case .undefined:
            appendUndefinedHeader(tag, .SQ, into: &out)
            for item in items {
                appendTag(.item, into: &out)
                appendUInt32(DataSetEncoder.undefinedLength, into: &out)
                try encode(item, into: &out)
                try appendItemHeader(.itemDelimitationItem, length: 0, into: &out)
            }
            try appendItemHeader(.sequenceDelimitationItem, length: 0, into: &out)
        }
    }

    private func encodeEncapsulated(_ element: DataElement, _ pixels: EncapsulatedPixelData,
                                    into out: inout Data) throws(DICOMError) {
        appendUndefinedHeader(element.tag, element.vr, into: &out)
        try appendItemHeader(.item, length: pixels.basicOffsetTable.count * 4, into: &out)
        for offset in pixels.basicOffsetTable { appendUInt32(offset, into: &out) }
        for fragment in pixels.fragments {
            guard var data = fragment.data else { throw .pixelDataNotLoaded(name: "data set being written") }
            if data.count % 2 == 1 { data.append(0) }
            try appendItemHeader(.item, length: data.count, into: &out)
            out.append(data)
        }
        try appendItemHeader(.sequenceDelimitationItem, length: 0, into: &out)
    }

    private func appendHeader(_ tag: Tag, _ vr: VR, length: Int, into out: inout Data) throws(DICOMError) {
        appendTag(tag, into: &out)
        let maximum = explicitVR && !vr.hasLongLength ? 0xFFFE : 0xFFFF_FFFE
        guard length <= maximum else { throw .valueTooLong(tag: tag, vr: vr, length: length, maximum: maximum) }
        guard explicitVR else {
            appendUInt32(UInt32(length), into: &out)
            return
        }
        out.append(UInt8(vr.code >> 8))
        out.append(UInt8(vr.code & 0xFF))
        if vr.hasLongLength {
            out.append(contentsOf: [0, 0])
            appendUInt32(UInt32(length), into: &out)
        } else {
            appendUInt16(UInt16(length), into: &out)
        }
    }

    private func appendUndefinedHeader(_ tag: Tag, _ vr: VR, into out: inout Data) {
        appendTag(tag, into: &out)
        if explicitVR {
            out.append(UInt8(vr.code >> 8))
            out.append(UInt8(vr.code & 0xFF))
            out.append(contentsOf: [0, 0])
        }
        appendUInt32(DataSetEncoder.undefinedLength, into: &out)
    }

    private func appendItemHeader(_ tag: Tag, length: Int, into out: inout Data) throws(DICOMError) {
        guard length <= 0xFFFF_FFFE else { throw .valueTooLong(tag: tag, vr: .SQ, length: length, maximum: 0xFFFF_FFFE) }
        appendTag(tag, into: &out)
        appendUInt32(UInt32(length), into: &out)
    }

    private func appendTag(_ tag: Tag, into out: inout Data) {
        appendUInt16(tag.group, into: &out)
        appendUInt16(tag.element, into: &out)
    }

    private func appendUInt16(_ value: UInt16, into out: inout Data) {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { out.append(contentsOf: $0) }
    }

    private func appendUInt32(_ value: UInt32, into out: inout Data) {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { out.append(contentsOf: $0) }
    }
}
