import DICOM
import Foundation
import Volume

/// One frame as WADO-RS delivered it, written into its volume slice on `write(into:as:)`.
///
/// The conversion follows `VoxelWriter` exactly (so a volume streamed over DICOMweb equals, bit for bit,
/// one read from files): 16-bit frames whose signedness matches the volume are decoded straight into
/// the slice; other layouts are decoded once and converted value by value, Float32 volumes getting
/// the slice's own rescale.
struct DICOMwebFramePayload: PixelPayload {
    enum Bytes: Sendable {
        /// Native pixel bytes of one frame, as stored (little-endian unless `bigEndian`).
        case native([UInt8], bigEndian: Bool)
        /// Samples already decoded by a codec: `decodedBytesPerFrame` bytes, interleaved, native order.
        case decoded([UInt8])
    }

    let bytes: Bytes
    /// The pixel layout from the metadata, for one frame.
    let description: PixelDescription
    let rescale: Rescale
    let label: String

    init(bytes: Bytes, description: PixelDescription, rescale: Rescale, label: String) throws(DICOMwebError) {
        var one = description
        one.numberOfFrames = 1
        self.bytes = bytes
        self.description = one
        self.rescale = rescale
        self.label = label
        switch bytes {
        case .native(let data, _):
            guard data.count >= one.storedBytesPerFrame else {
                throw .malformedResponse(resource: label, reason: "frame has \(data.count) bytes, the metadata needs \(one.storedBytesPerFrame) (\(one.rows)×\(one.columns)×\(one.samplesPerPixel) at \(one.bitsAllocated) bits)")
            }
        case .decoded(let data):
            guard data.count >= one.decodedBytesPerFrame else {
                throw .malformedResponse(resource: label, reason: "decoded frame has \(data.count) bytes, expected \(one.decodedBytesPerFrame)")
            }
        }
    }

    func write(into destination: UnsafeMutableRawBufferPointer, as voxelType: VoxelType) throws {
        let d = description
        guard d.samplesPerPixel == 1 else {
            throw VolumeError.incompatibleImages(image: label, detail: "\(d.samplesPerPixel) samples per pixel (\(d.photometricInterpretation)); volumes hold one sample per voxel")
        }
        let voxels = d.rows * d.columns
        guard destination.count == voxels * voxelType.byteCount else {
            throw VolumeError.sliceSizeMismatch(image: label, expected: destination.count / voxelType.byteCount, actual: voxels)
        }
        let signed = d.pixelRepresentation == 1
        switch (voxelType, d.bitsAllocated, signed, d.isFloat) {
        case (.int16, 16, true, false), (.uint16, 16, false, false):
            decode(into: UnsafeMutableRawBufferPointer(rebasing: destination[0..<d.decodedBytesPerFrame]))
        default:
            var decoded = [UInt8](repeating: 0, count: d.decodedBytesPerFrame)
            decoded.withUnsafeMutableBytes { decode(into: $0) }
            decoded.withUnsafeBytes { samples in
                switch voxelType {
                case .float32:
                    let out = destination.bindMemory(to: Float.self)
                    for n in 0..<voxels { out[n] = Float(rescale.apply(Self.value(samples, n, d))) }
                case .int16:
                    let out = destination.bindMemory(to: Int16.self)
                    for n in 0..<voxels { out[n] = Int16(clamping: Int(Self.value(samples, n, d))) }
                case .uint16:
                    let out = destination.bindMemory(to: UInt16.self)
                    for n in 0..<voxels { out[n] = UInt16(clamping: Int(Self.value(samples, n, d))) }
                }
            }
        }
    }

    /// Decoded stored-type samples of the frame into `target` (`decodedBytesPerFrame` bytes).
    private func decode(into target: UnsafeMutableRawBufferPointer) {
        switch bytes {
        case .native(let data, let bigEndian):
            data.withUnsafeBytes { source in
                NativePixelDecoder.decodeFrame(0, of: description, from: source, bigEndian: bigEndian, into: target)
            }
        case .decoded(let data):
            data.withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<description.decodedBytesPerFrame])) }
        }
    }

    /// Sample `n` of decoded samples, as `PixelStorage.value(at:)` reads it.
    private static func value(_ samples: UnsafeRawBufferPointer, _ n: Int, _ d: PixelDescription) -> Double {
        switch (d.bitsAllocated, d.pixelRepresentation == 1, d.isFloat) {
        case (1, _, _), (8, false, _): return Double(samples.load(fromByteOffset: n, as: UInt8.self))
        case (8, true, _): return Double(samples.load(fromByteOffset: n, as: Int8.self))
        case (16, false, _): return Double(samples.loadUnaligned(fromByteOffset: n * 2, as: UInt16.self))
        case (16, true, _): return Double(samples.loadUnaligned(fromByteOffset: n * 2, as: Int16.self))
        case (32, _, true): return Double(samples.loadUnaligned(fromByteOffset: n * 4, as: Float.self))
        case (32, false, _): return Double(samples.loadUnaligned(fromByteOffset: n * 4, as: UInt32.self))
        case (32, true, _): return Double(samples.loadUnaligned(fromByteOffset: n * 4, as: Int32.self))
        default: return samples.loadUnaligned(fromByteOffset: n * 8, as: Double.self)
        }
    }
}
