import Raster
import Volume

/// Draws one decoded image on the CPU as a small picture: VOI window (grey) or colour, area-averaged down
/// to fit `size`, centred on black with the aspect ratio of its pixel spacing.
///
/// Used for thumbnails of single images and of a volume's middle slice, where a GL context and a
/// 3D texture would cost more than the picture; the image is shown as stored (row 0 at the top),
/// which for axial, coronal and sagittal acquisitions is the radiological display.
public enum ImageThumbnail {
    /// A `size`×`size` RGBA thumbnail of `image`; `window` overrides the default window.
    public static func render(_ image: RescaledImage, size: Int, window: VOIWindow? = nil) throws(RasterError) -> Frame {
        let physicalWidth = Double(image.columns) * image.columnSpacing, physicalHeight = Double(image.rows) * image.rowSpacing
        let scale = Double(size) / max(physicalWidth, physicalHeight)
        let outWidth = max(1, min(size, Int((physicalWidth * scale).rounded())))
        let outHeight = max(1, min(size, Int((physicalHeight * scale).rounded())))

        var rgba = [UInt8](repeating: 0, count: outWidth * outHeight * 4)
        let samples = image.samplesPerPixel
        let values = image.values
        if samples == 1 {
            let voi = window ?? defaultWindow(image)
            areaAverage(image, outWidth, outHeight) { index in values[index] } emit: { o, value in
                var grey = voi.apply(value)
                if image.invertsGrey { grey = 255 - grey }
                rgba[o * 4] = grey; rgba[o * 4 + 1] = grey; rgba[o * 4 + 2] = grey; rgba[o * 4 + 3] = 255
            }
        } else {
            for channel in 0..<min(samples, 3) {
                areaAverage(image, outWidth, outHeight) { index in values[index * samples + channel] } emit: { o, value in
                    rgba[o * 4 + channel] = UInt8(max(0, min(255, (value / image.maxStoredValue * 255).rounded())))
                    rgba[o * 4 + 3] = 255
                }
            }
        }
        var canvas = Frame(width: size, height: size, format: .rgba8)
        canvas.fill(PixelRect(x: 0, y: 0, width: size, height: size), color: (r: 0, g: 0, b: 0, a: 255))
        canvas.blit(try Frame(width: outWidth, height: outHeight, rgba8: rgba), atX: (size - outWidth) / 2, y: (size - outHeight) / 2)
        return canvas
    }

    /// The image's own window; else for CT the mediastinum preset; else the image's value range.
    static func defaultWindow(_ image: RescaledImage) -> VOIWindow {
        if let window = image.fileWindow { return VOIWindow(window) }
        if image.modality == "CT" { return .mediastinum }
        guard let range = image.valueRange else { return VOIWindow(centre: 0.5, width: 1) }
        return .covering(range.min, range.max)
    }

    /// Averages each output pixel's footprint of source pixels (box filter); `value` reads source
    /// pixel `row * columns + column`, `emit` receives the output index and the average.
    private static func areaAverage(
        _ image: RescaledImage, _ outWidth: Int, _ outHeight: Int,
        value: (Int) -> Double, emit: (Int, Double) -> Void
    ) {
        let rows = image.rows, columns = image.columns
        for oy in 0..<outHeight {
            let y0 = oy * rows / outHeight, y1 = max(y0 + 1, (oy + 1) * rows / outHeight)
            for ox in 0..<outWidth {
                let x0 = ox * columns / outWidth, x1 = max(x0 + 1, (ox + 1) * columns / outWidth)
                var sum = 0.0
                for y in y0..<y1 { for x in x0..<x1 { sum += value(y * columns + x) } }
                emit(oy * outWidth + ox, sum / Double((y1 - y0) * (x1 - x0)))
            }
        }
    }
}
