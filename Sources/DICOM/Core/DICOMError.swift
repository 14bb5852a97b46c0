import Foundation

/// Every error the DICOM layer throws; each message names the file, tag, offset and numbers involved.
public enum DICOMError: Error, CustomStringConvertible, Sendable {
    /// The file could not be opened or mapped. Cause: wrong path, permissions, a directory. Fix: check the path.
    case fileUnreadable(path: String, reason: String)
    /// The bytes are not DICOM: no "DICM" at offset 128 and no plausible first element. Fix: pass a DICOM file.
    case notDICOM(name: String, reason: String)
    /// The data ends inside a structure (element header, item, delimiter). Cause: a cut-off copy or download. Fix: fetch the file again.
    case truncated(name: String, offset: Int, needed: Int, remaining: Int, context: String)
    /// An element, item or fragment declares more bytes than remain. Cause: truncation or a corrupt length. Fix: fetch the file again or repair it.
    case lengthExceedsData(name: String, tag: Tag, offset: Int, length: UInt32, remaining: Int)
    /// A value has an odd length, which the standard forbids (see `DICOMReadLimits.allowOddLengths`). Fix: re-encode, or allow odd lengths for legacy files.
    case oddLength(name: String, tag: Tag, offset: Int, length: UInt32)
    /// Undefined length (FFFFFFFF) on an element that is not a sequence, UN or pixel data. Fix: re-encode the file.
    case undefinedLengthNotAllowed(name: String, tag: Tag, vr: VR, offset: Int)
    /// An explicit-VR element carries two bytes that are not a VR. Cause: corruption or a wrong transfer syntax. Fix: check the transfer syntax UID.
    case invalidVR(name: String, tag: Tag, offset: Int, bytes: String)
    /// Sequences are nested deeper than `DICOMReadLimits.maxSequenceDepth`. Cause: a malicious or corrupt file. Fix: raise the limit only for trusted files.
    case sequenceTooDeep(name: String, tag: Tag, offset: Int, limit: Int)
    /// More elements (including items and fragments) than `DICOMReadLimits.maxElements`. Fix: raise the limit for trusted files.
    case tooManyElements(name: String, offset: Int, limit: Int)
    /// So many elements are out of ascending tag order that sorting them would move more than
    /// `DICOMReadLimits.maxReorderMoves` elements. Cause: a corrupt or malicious file. Fix: re-encode the file in tag order.
    case elementsOutOfOrder(name: String, tag: Tag, offset: Int, limit: Int)
    /// A sequence, item or encapsulated pixel data does not have the required item structure. Fix: re-encode the file.
    case malformedSequence(name: String, tag: Tag, offset: Int, reason: String)
    /// The file meta group length (0002,0000) disagrees with where group 0002 really ends. Fix: rewrite the meta header.
    case metaGroupLengthMismatch(name: String, declared: Int, actual: Int)
    /// A deflated data set could not be inflated. Cause: corrupt deflate stream. Fix: fetch the file again.
    case inflateFailed(name: String, reason: String)
    /// A deflated data set inflates past `DICOMReadLimits.maxInflatedBytes`. Fix: raise the limit for trusted files.
    case inflatedDataTooLarge(name: String, limit: Int)
    /// The pixel data uses a compressed transfer syntax this layer cannot decode yet. Fix: transcode to an uncompressed syntax.
    case unsupportedTransferSyntax(uid: String, name: String)
    /// A compressed frame cannot be decoded: the stream is truncated, damaged or not what its transfer syntax says.
    /// Cause: a cut-off or corrupt file, or a wrong transfer syntax UID. Fix: fetch the file again or re-encode it.
    case corruptFrame(name: String, frame: Int, codec: String, reason: String)
    /// A compressed frame decodes (or declares) a different size than Rows × Columns × Samples per Pixel × Bits
    /// Allocated. Cause: the data set's pixel attributes disagree with the stream. Fix: correct the attributes or re-encode.
    case decodedSizeMismatch(name: String, frame: Int, codec: String, expected: String, actual: String)
    /// The stream is valid but uses a codec feature this build cannot decode (e.g. 12-bit JPEG with Debian's 8-bit
    /// libjpeg-turbo). Fix: transcode the file (e.g. to JPEG 2000 or an uncompressed syntax).
    case unsupportedCodecFeature(name: String, frame: Int, codec: String, feature: String)
    /// A required element is absent. Fix: add the element to the data set.
    case missingElement(tag: Tag)
    /// A DS or IS value is not a decimal number. Fix: correct the value in the file.
    case invalidNumber(tag: Tag, text: String)
    /// An image pixel attribute has an impossible value (e.g. rows 0, bits stored > bits allocated). Fix: correct the attribute.
    case invalidPixelAttribute(tag: Tag, value: Int, reason: String)
    /// Pixel data holds fewer bytes than rows × columns × samples × bits × frames require. Fix: check Number of Frames and the pixel attributes.
    case pixelDataTooShort(name: String, frames: Int, bytesPerFrame: Int, needed: Int, available: Int)
    /// Decoding would produce more bytes than `DICOMReadLimits.maxDecodedBytes` (or physical memory) allows; nothing was allocated.
    /// Cause: a huge or lying Number of Frames / Rows / Columns. Fix: decode fewer frames at a time, or raise the limit for trusted files.
    case pixelDataTooLarge(name: String, frames: Int, bytesPerFrame: Int, limit: Int)
    /// The data set has no pixel data element. Fix: use an image file.
    case noPixelData(name: String)
    /// Pixel bytes were not loaded (metadata-only read without a source to fetch them from). Fix: read with `.full` or from a URL.
    case pixelDataNotLoaded(name: String)
    /// The file changed on disk after its header was read: it no longer holds the bytes the header recorded (e.g. it
    /// was truncated or replaced while a series was loading). Fix: read the file again.
    case fileChanged(path: String, reason: String)
    /// A frame index outside 0..<frames was asked for. Fix: ask for an existing frame.
    case frameIndexOutOfRange(name: String, index: Int, frames: Int)
    /// The caller's buffer is smaller than one decoded frame. Fix: allocate `frameByteCount` bytes.
    case bufferTooSmall(needed: Int, available: Int)
    /// Encapsulated frames cannot be told apart: no offset table and fragment count ≠ frame count (JPEG EOI scan not implemented). Fix: re-encode with an offset table.
    case frameBoundariesUnknown(name: String, frames: Int, fragments: Int)
    /// A value is too long for its VR's length field (e.g. > 65534 bytes in a 2-byte-length VR). Fix: use a long-length VR or shorten the value.
    case valueTooLong(tag: Tag, vr: VR, length: Int, maximum: Int)
    /// Writing the file failed. Fix: check the directory exists and is writable.
    case writeFailed(path: String, reason: String)
    /// DICOM JSON (PS3.18 F.2, as DICOMweb metadata returns it) that does not follow the model; `path` points at the
    /// element (`[0]/00540016[0]/00181072`). Cause: a server bug or a response cut short. Fix: check the server's JSON.
    case malformedJSON(path: String, reason: String)

    public var description: String {
        switch self {
        case let .fileUnreadable(path, reason):
            return "\(path): cannot be read (\(reason)); check the path and permissions"
        case let .notDICOM(name, reason):
            return "\(name): not a DICOM file: \(reason)"
        case let .truncated(name, offset, needed, remaining, context):
            return "\(name): \(context) at offset \(offset) needs \(needed) bytes but only \(remaining) remain; the file looks truncated"
        case let .lengthExceedsData(name, tag, offset, length, remaining):
            return "\(name): element \(tag) at offset \(offset) declares length \(length) but only \(remaining) bytes remain"
        case let .oddLength(name, tag, offset, length):
            return "\(name): element \(tag) at offset \(offset) has odd length \(length); DICOM requires even lengths (set DICOMReadLimits.allowOddLengths for legacy files)"
        case let .undefinedLengthNotAllowed(name, tag, vr, offset):
            return "\(name): element \(tag) \(vr) at offset \(offset) has undefined length, allowed only for SQ, UN and pixel data"
        case let .invalidVR(name, tag, offset, bytes):
            return "\(name): element \(tag) at offset \(offset) has invalid VR bytes \(bytes); the data may be corrupt or the transfer syntax wrong"
        case let .sequenceTooDeep(name, tag, offset, limit):
            return "\(name): sequence \(tag) at offset \(offset) is nested deeper than the limit of \(limit) levels"
        case let .tooManyElements(name, offset, limit):
            return "\(name): more than \(limit) elements (limit reached at offset \(offset))"
        case let .elementsOutOfOrder(name, tag, offset, limit):
            return "\(name): \(tag) at offset \(offset) is out of order, and sorting this file's elements would move more than \(limit) elements; data elements must be in ascending tag order (DICOMReadLimits.maxReorderMoves)"
        case let .malformedSequence(name, tag, offset, reason):
            return "\(name): \(tag) at offset \(offset): \(reason)"
        case let .metaGroupLengthMismatch(name, declared, actual):
            return "\(name): file meta group length (0002,0000) says \(declared) bytes but group 0002 spans \(actual) bytes"
        case let .inflateFailed(name, reason):
            return "\(name): deflated data set cannot be inflated: \(reason)"
        case let .inflatedDataTooLarge(name, limit):
            return "\(name): deflated data set inflates to more than the limit of \(limit) bytes"
        case let .unsupportedTransferSyntax(uid, name):
            return "transfer syntax \(name) (\(uid)) is not supported yet"
        case let .corruptFrame(name, frame, codec, reason):
            return "\(name): frame \(frame) cannot be decoded (\(codec)): \(reason)"
        case let .decodedSizeMismatch(name, frame, codec, expected, actual):
            return "\(name): frame \(frame) (\(codec)) is \(actual) but the pixel attributes require \(expected)"
        case let .unsupportedCodecFeature(name, frame, codec, feature):
            return "\(name): frame \(frame) (\(codec)): \(feature) is not supported"
        case let .missingElement(tag):
            return "required element \(tag) is missing"
        case let .invalidNumber(tag, text):
            return "element \(tag) holds \"\(text)\", which is not a valid number"
        case let .invalidPixelAttribute(tag, value, reason):
            return "pixel attribute \(tag) is \(value): \(reason)"
        case let .pixelDataTooShort(name, frames, bytesPerFrame, needed, available):
            return "\(name): \(frames) frame(s) of \(bytesPerFrame) bytes need \(needed) bytes of pixel data but only \(available) are present; check Number of Frames (0028,0008) and the pixel attributes"
        case let .pixelDataTooLarge(name, frames, bytesPerFrame, limit):
            let total = bytesPerFrame.multipliedReportingOverflow(by: frames)
            let needed = total.overflow ? "more than \(Int.max)" : "\(total.partialValue)"
            return "\(name): decoding \(frames) frame(s) of \(bytesPerFrame) bytes needs \(needed) bytes, more than the limit of \(limit) bytes (DICOMReadLimits.maxDecodedBytes, capped by physical memory); nothing was allocated"
        case let .noPixelData(name):
            return "\(name): the data set has no pixel data (7FE0,0010/0008/0009)"
        case let .pixelDataNotLoaded(name):
            return "\(name): pixel data was not loaded (metadata-only read without a file to fetch it from); read with mode .full"
        case let .fileChanged(path, reason):
            return "\(path): the file changed on disk after its header was read (\(reason)); read it again"
        case let .frameIndexOutOfRange(name, index, frames):
            return "\(name): frame \(index) asked for but the image has \(frames) frame(s)"
        case let .bufferTooSmall(needed, available):
            return "destination buffer holds \(available) bytes but one frame needs \(needed)"
        case let .frameBoundariesUnknown(name, frames, fragments):
            return "\(name): \(frames) frames in \(fragments) fragments without an offset table; frame boundaries cannot be found"
        case let .valueTooLong(tag, vr, length, maximum):
            return "element \(tag) \(vr) value is \(length) bytes, more than the \(maximum) its length field can hold"
        case let .writeFailed(path, reason):
            return "\(path): cannot be written (\(reason))"
        case let .malformedJSON(path, reason):
            return "DICOM JSON\(path.isEmpty ? "" : " at \(path)"): \(reason)"
        }
    }
}
