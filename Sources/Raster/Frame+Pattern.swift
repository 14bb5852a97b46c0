import Foundation

extension Frame {
    /// A deterministic rgba8 frame of gradients and 4-bit noise that compresses like a rendered view: the input of
    /// the golden-comparison benchmark and tests. Different seeds differ by up to 15 levels per channel.
    public static func texturedPattern(width: Int, height: Int, seed: UInt32) throws(RasterError) -> Frame {
        var state = seed
        var samples = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 1_664_525 &+ 1_013_904_223
                let noise = Int(state >> 28), i = (y * width + x) * 4
                samples[i] = UInt8((x / 2 + noise) & 255)
                samples[i + 1] = UInt8((y / 2 + noise) & 255)
                samples[i + 2] = UInt8(((x + y) / 4 + noise) & 255)
            }
        }
        return try Frame(width: width, height: height, rgba8: samples)
    }
}
