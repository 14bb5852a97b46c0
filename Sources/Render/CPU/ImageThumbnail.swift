import DICOM
import Raster
import Volume

/// Renders one DICOM frame on the CPU as a small picture: rescale, VOI window (grey) or colour,
/// area-averaged down to fit `size`, centred on black with the aspect ratio of its pixel spacing.
///
/// Used for thumbnails of single images and of a volume's middle slice, where a GL context and a
/// 3D texture would cost more than the picture; the image is shown as stored (row 0 at the top),
/// which for axial, coronal and sagittal acquisitions is the radiological display.
public enum ImageThumbnail {
    /// A `size`×`size` RGBA thumbnail of frame `frame` of `file`; `window` overrides the default window.
    public static func render(_ file: DICOMFile, frame: Int, size: Int, window: VOIWindow? = nil) throws -> Frame {
        // The budget check refuses a header that claims more pixels than the file holds before decoding allocates.
        let d = try file.checkPixelBudget(frames: 1)
        let decoded = try file.decodeFrame(frame)
        let rescale = file.rescale(forFrame: frame)
        let spacing = file.dataSet.doubles(.pixelSpacing) ?? [1, 1]
        let (rowSpacing, columnSpacing) = spacing.count == 2 && spacing.allSatisfy({ $0 > 0 }) ? (spacing[0], spacing[1]) : (1, 1)
        let physicalWidth = Double(d.columns) * columnSpacing, physicalHeight = Double(d.rows) * rowSpacing
        let scale = Double(size) / max(physicalWidth, physicalHeight)
        let outWidth = max(1, min(size, Int((physicalWidth * scale).rounded())))
        let outHeight = max(1, min(size, Int((physicalHeight * scale).rounded())))

        var rgba = [UInt8](repeating: 0, count: outWidth * outHeight * 4)
        let samples = d.samplesPerPixel
        let storage = decoded.storage
        if samples == 1 {
            let voi = window ?? defaultWindow(file, storage: storage, rescale: rescale)
            let monochrome1 = d.photometricInterpretation == "MONOCHROME1"
            areaAverage(d, outWidth, outHeight) { index in rescale.apply(storage.value(at: index)) } emit: { o, value in
                var grey = voi.apply(value)
                if monochrome1 { grey = 255 - grey }
                rgba[o * 4] = grey; rgba[o * 4 + 1] = grey; rgba[o * 4 + 2] = grey; rgba[o * 4 + 3] = 255
            }
        } else {
            let maxValue = Double((1 << min(d.bitsStored, 16)) - 1)
            for channel in 0..<min(samples, 3) {
                areaAverage(d, outWidth, outHeight) { index in storage.value(at: index * samples + channel) } emit: { o, value in
                    rgba[o * 4 + channel] = UInt8(max(0, min(255, (value / maxValue * 255).rounded())))
                    rgba[o * 4 + 3] = 255
                }
            }
        }
        var canvas = Frame(width: size, height: size, format: .rgba8)
        canvas.fill(PixelRect(x: 0, y: 0, width: size, height: size), color: (r: 0, g: 0, b: 0, a: 255))
        canvas.blit(try Frame(width: outWidth, height: outHeight, rgba8: rgba), atX: (size - outWidth) / 2, y: (size - outHeight) / 2)
        return canvas
    }

    /// The file's first window; else for CT the mediastinum preset; else the frame's value range.
    static func defaultWindow(_ file: DICOMFile, storage: PixelStorage, rescale: Rescale) -> VOIWindow {
        if let window = VOIWindow.fromFile(file.dataSet) { return window }
        if file.dataSet.string(.modality) == "CT" { return .mediastinum }
        var low = Double.infinity, high = -Double.infinity
        for n in 0..<storage.count {
            let v = storage.value(at: n)
            if v < low { low = v }
            if v > high { high = v }
        }
        guard low <= high else { return VOIWindow(centre: 0.5, width: 1) }
        let a = rescale.apply(low), b = rescale.apply(high)
        return .covering(min(a, b), max(a, b))
    }

    /// Averages each output pixel's footprint of source pixels (box filter); `value` reads source
    /// pixel `row * columns + column`, `emit` receives the output index and the average.
    private static func areaAverage(
        _ d: PixelDescription, _ outWidth: Int, _ outHeight: Int,
        value: (Int) -> Double, emit: (Int, Double) -> Void
    ) {
        for oy in 0..<outHeight {
            let y0 = oy * d.rows / outHeight, y1 = max(y0 + 1, (oy + 1) * d.rows / outHeight)
            for ox in 0..<outWidth {
                let x0 = ox * d.columns / outWidth, x1 = max(x0 + 1, (ox + 1) * d.columns / outWidth)
                var sum = 0.0
                for y in y0..<y1 { for x in x0..<x1 { sum += value(y * d.columns + x) } }
                emit(oy * outWidth + ox, sum / Double((y1 - y0) * (x1 - x0)))
            }
        }
    }
}
