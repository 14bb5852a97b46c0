/// Which byte units a big-endian encoding reverses in an element value, pixel data included.
enum PixelByteOrder {
    /// The swap unit for an element: by VR for ordinary elements; for pixel data by sample size
    /// (Float 4, Double 8, OW by Bits Allocated with a minimum of 2, OB none).
    static func swapUnit(tag: Tag, vr: VR, bitsAllocated: Int?) -> Int {
        if tag == .floatPixelData { return 4 }
        if tag == .doubleFloatPixelData { return 8 }
        if tag == .pixelData {
            guard vr == .OW else { return 1 }
            let bits = bitsAllocated ?? 16
            return bits > 16 && bits % 8 == 0 ? bits / 8 : 2
        }
        return vr.byteSwapUnit
    }
}
