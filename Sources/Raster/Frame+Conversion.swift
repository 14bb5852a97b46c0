extension Frame {
    /// This frame in another format. gray → rgba replicates the gray value with alpha 255;
    /// rgba → gray uses Rec. 601 luminance (0.299 R + 0.587 G + 0.114 B, rounded, alpha ignored);
    /// gray16 → 8-bit rounds `value / 257`; 8-bit → gray16 scales by 257.
    public func converted(to target: PixelFormat) -> Frame {
        if target == format { return self }
        switch (format, target) {
        case (.gray8, .gray16):
            return Frame(unchecked: width, height, .gray16, samples8: [], samples16: samples8.map { UInt16($0) &* 257 })
        case (.gray16, .gray8):
            return Frame(unchecked: width, height, .gray8, samples8: samples16.map(Frame.narrow), samples16: [])
        case (.gray8, .rgba8):
            return Frame(unchecked: width, height, .rgba8, samples8: Frame.grayToRGBA(samples8), samples16: [])
        case (.gray16, .rgba8):
            return Frame(unchecked: width, height, .rgba8, samples8: Frame.grayToRGBA(samples16.map(Frame.narrow)), samples16: [])
        case (.rgba8, .gray8):
            return Frame(unchecked: width, height, .gray8, samples8: Frame.rgbaToGray(samples8), samples16: [])
        case (.rgba8, .gray16):
            return Frame(unchecked: width, height, .gray16, samples8: [], samples16: Frame.rgbaToGray(samples8).map { UInt16($0) &* 257 })
        case (.gray8, .gray8), (.gray16, .gray16), (.rgba8, .rgba8):
            return self
        }
    }

    /// Rec. 601 luminance of an 8-bit colour, rounded.
    @inline(__always)
    static func luminance(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let weighted: Int = 299 &* Int(r) &+ 587 &* Int(g) &+ 114 &* Int(b)
        return UInt8((weighted &+ 500) / 1000)
    }

    /// A 16-bit sample rounded to 8 bits.
    @inline(__always)
    static func narrow(_ value: UInt16) -> UInt8 {
        UInt8((UInt32(value) &+ 128) / 257)
    }

    private static func grayToRGBA(_ gray: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: gray.count * 4) { out, initialized in
            gray.withUnsafeBufferPointer { src in
                for i in 0..<src.count {
                    let v = src[i]
                    out[4 * i] = v
                    out[4 * i + 1] = v
                    out[4 * i + 2] = v
                    out[4 * i + 3] = 255
                }
            }
            initialized = gray.count * 4
        }
    }

    private static func rgbaToGray(_ rgba: [UInt8]) -> [UInt8] {
        let count = rgba.count / 4
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            rgba.withUnsafeBufferPointer { src in
                for i in 0..<count {
                    out[i] = luminance(src[4 * i], src[4 * i + 1], src[4 * i + 2])
                }
            }
            initialized = count
        }
    }
}
