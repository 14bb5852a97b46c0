import CVoxelConvert
import DICOM
#if canImport(Glibc)
import Glibc
#endif

/// Writes one decoded DICOM frame into a volume slice in the volume's voxel type.
///
/// Stored 16-bit frames whose type matches the volume are decoded straight into the slice
/// (no intermediate copy); anything else (8-bit, 32-bit, float, or a Float32 volume that
/// needs the slice's own rescale) is decoded once and converted value by value (16-bit samples into a Float32
/// volume by `CVoxelConvert`, with the same rounding).
public enum VoxelWriter {
    public static func write(
        frame: Int, of file: DICOMFile, into destination: UnsafeMutableRawBufferPointer,
        as voxelType: VoxelType, rescale: Rescale, imageLabel: String
    ) throws {
        let d = try file.pixelDescription()
        guard d.samplesPerPixel == 1 else {
            throw VolumeError.incompatibleImages(image: imageLabel, detail: "\(d.samplesPerPixel) samples per pixel (\(d.photometricInterpretation)); volumes hold one sample per voxel")
        }
        let voxels = d.rows * d.columns
        guard destination.count == voxels * voxelType.byteCount else {
            throw VolumeError.sliceSizeMismatch(image: imageLabel, expected: destination.count / voxelType.byteCount, actual: voxels)
        }
        prefault(destination)
        let signed = d.pixelRepresentation == 1
        switch (voxelType, d.bitsAllocated, signed, d.isFloat) {
        case (.int16, 16, true, false), (.uint16, 16, false, false):
            try file.decodeFrame(frame, into: destination)
        default:
            let storage = try file.decodeFrame(frame).storage
            switch voxelType {
            case .float32:
                let out = destination.bindMemory(to: Float.self)
                switch storage {
                case .int16(let samples):
                    samples.withUnsafeBufferPointer { input in
                        lb_rescale_int16_to_float(input.baseAddress, out.baseAddress, min(voxels, input.count, out.count),
                                                  rescale.slope, rescale.intercept)
                    }
                case .uint16(let samples):
                    samples.withUnsafeBufferPointer { input in
                        lb_rescale_uint16_to_float(input.baseAddress, out.baseAddress, min(voxels, input.count, out.count),
                                                   rescale.slope, rescale.intercept)
                    }
                default:
                    convert(storage, voxels, into: out) { float32Voxel(rescale.apply($0)) }
                }
            case .int16:
                convert(storage, voxels, into: destination.bindMemory(to: Int16.self)) { Int16(clamping: Int($0)) }
            case .uint16:
                convert(storage, voxels, into: destination.bindMemory(to: UInt16.self)) { UInt16(clamping: Int($0)) }
            }
        }
    }

    /// A value as a Float32 voxel, NaN written as 0 (as `fslmaths -nan` does; FSL and SPM write NaN outside a
    /// brain mask, and floating-point DICOM pixel data may hold it): a NaN voxel would otherwise make every maximum
    /// or minimum of a MIP ray or slab through it NaN, and every interpolation at its edges.
    @inlinable public static func float32Voxel(_ value: Double) -> Float { value.isNaN ? 0 : Float(value) }

    /// `out[n] = value(sample n as a Double)` for the first `count` samples, one loop per stored type (a sample
    /// read through `PixelStorage.value(at:)` costs a switch and a bounds check each).
    @inline(__always)
    private static func convert<T>(_ storage: PixelStorage, _ count: Int, into out: UnsafeMutableBufferPointer<T>,
                                   _ value: (Double) -> T) {
        func each<S>(_ samples: [S], _ double: (S) -> Double) {
            samples.withUnsafeBufferPointer { input in
                for n in 0..<min(count, input.count, out.count) { out[n] = value(double(input[n])) }
            }
        }
        switch storage {
        case .uint8(let v): each(v) { Double($0) }
        case .int8(let v): each(v) { Double($0) }
        case .uint16(let v): each(v) { Double($0) }
        case .int16(let v): each(v) { Double($0) }
        case .uint32(let v): each(v) { Double($0) }
        case .int32(let v): each(v) { Double($0) }
        case .float32(let v): each(v) { Double($0) }
        case .float64(let v): each(v) { $0 }
        }
    }

    /// Makes the slice's pages present and writable in one call (MADV_POPULATE_WRITE) before the frame is read
    /// into them, when they are not yet. A fresh zero-filled allocation would otherwise take a page fault at the
    /// first write to each 4 KB page; populating a slice's pages together costs one system call instead. Memory
    /// already present (a reused volume buffer, heap memory `calloc` cleared) is left alone: walking its page
    /// tables again cost about as much as writing a 64 KB slice. Whether it is present is asked of the slice's
    /// last whole page (`mincore`): no other slice shares it, and a write of a whole slice makes it present with
    /// the rest. Contents are unchanged (absent pages read as zero either way); failures (old kernels) are ignored.
    static func prefault(_ destination: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        guard let base = destination.baseAddress, destination.count >= 1 << 16 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + destination.count) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start),
              let last = UnsafeMutableRawPointer(bitPattern: end - page) else { return }
        var resident: UInt8 = 0
        if mincore(last, page, &resident) == 0, resident & 1 != 0 { return }
        let populateWrite: Int32 = 23  // MADV_POPULATE_WRITE, Linux 5.14
        _ = madvise(aligned, end - start, populateWrite)
        #endif
    }
}
