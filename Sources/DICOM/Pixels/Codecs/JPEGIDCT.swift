/// The accurate integer inverse DCT of the IJG library ("islow", jidctint.c, as in IJG 6b and DCMTK's 8/12-bit
/// codecs): 13-bit fixed-point constants, PASS1_BITS 2 for 8-bit samples and 1 for 12-bit, descaling with rounding,
/// output level-shifted by half the sample range and clamped to it.
enum JPEGIDCT {
    private static let f0_298631336 = 2446, f0_390180644 = 3196, f0_541196100 = 4433, f0_765366865 = 6270,
                       f0_899976223 = 7373, f1_175875602 = 9633, f1_501321110 = 12299, f1_847759065 = 15137,
                       f1_961570560 = 16069, f2_053119869 = 16819, f2_562915447 = 20995, f3_072711026 = 25172
    private static let constBits = 13

    @inline(__always) private static func descale(_ x: Int, _ n: Int) -> Int { (x + (1 << (n - 1))) >> n }

    /// One 8 × 8 block: `coefficients` (natural order) times `quantization` (natural order), into `out` rows
    /// `stride` samples apart. `workspace` holds 64 values.
    static func block(_ coefficients: UnsafePointer<Int32>, _ quantization: UnsafePointer<Int32>, precision: Int,
                      workspace ws: UnsafeMutablePointer<Int>, into out: UnsafeMutablePointer<UInt16>, stride: Int) {
        let pass1 = precision == 8 ? 2 : 1
        // Pass 1: columns into the workspace, scaled up by PASS1_BITS.
        for column in 0..<8 {
            @inline(__always) func q(_ row: Int) -> Int { Int(coefficients[8 * row + column]) * Int(quantization[8 * row + column]) }
            if (1...7).allSatisfy({ coefficients[8 * $0 + column] == 0 }) {
                let dc = q(0) << pass1
                for row in 0..<8 { ws[8 * row + column] = dc }
                continue
            }
            let (e0, e1, e2, e3) = even(q(0), q(2), q(4), q(6))
            let (o0, o1, o2, o3) = odd(q(1), q(3), q(5), q(7))
            let shift = constBits - pass1
            ws[column] = descale(e0 + o3, shift)
            ws[56 + column] = descale(e0 - o3, shift)
            ws[8 + column] = descale(e1 + o2, shift)
            ws[48 + column] = descale(e1 - o2, shift)
            ws[16 + column] = descale(e2 + o1, shift)
            ws[40 + column] = descale(e2 - o1, shift)
            ws[24 + column] = descale(e3 + o0, shift)
            ws[32 + column] = descale(e3 - o0, shift)
        }
        // Pass 2: rows, descaled by PASS1_BITS + 3 more, level-shifted and clamped.
        let center = 1 << (precision - 1), top = (1 << precision) - 1
        @inline(__always) func sample(_ v: Int) -> UInt16 { UInt16(truncatingIfNeeded: min(top, max(0, v + center))) }
        let shift = constBits + pass1 + 3
        for row in 0..<8 {
            let w = ws + 8 * row, o = out + row * stride
            let (e0, e1, e2, e3) = even(w[0], w[2], w[4], w[6])
            let (o0, o1, o2, o3) = odd(w[1], w[3], w[5], w[7])
            o[0] = sample(descale(e0 + o3, shift))
            o[7] = sample(descale(e0 - o3, shift))
            o[1] = sample(descale(e1 + o2, shift))
            o[6] = sample(descale(e1 - o2, shift))
            o[2] = sample(descale(e2 + o1, shift))
            o[5] = sample(descale(e2 - o1, shift))
            o[3] = sample(descale(e3 + o0, shift))
            o[4] = sample(descale(e3 - o0, shift))
        }
    }

    /// The even part: tmp10, tmp11, tmp12, tmp13 of jidctint.c.
    @inline(__always) private static func even(_ x0: Int, _ x2: Int, _ x4: Int, _ x6: Int) -> (Int, Int, Int, Int) {
        let z1 = (x2 + x6) * f0_541196100
        let tmp2 = z1 - x6 * f1_847759065
        let tmp3 = z1 + x2 * f0_765366865
        let tmp0 = (x0 + x4) << constBits
        let tmp1 = (x0 - x4) << constBits
        return (tmp0 + tmp3, tmp1 + tmp2, tmp1 - tmp2, tmp0 - tmp3)
    }

    /// The odd part: tmp0, tmp1, tmp2, tmp3 of jidctint.c (inputs 1, 3, 5, 7).
    @inline(__always) private static func odd(_ x1: Int, _ x3: Int, _ x5: Int, _ x7: Int) -> (Int, Int, Int, Int) {
        let z1 = x7 + x1, z2 = x5 + x3, z3 = x7 + x3, z4 = x5 + x1
        let z5 = (z3 + z4) * f1_175875602
        let a1 = z1 * -f0_899976223, a2 = z2 * -f2_562915447
        let a3 = z3 * -f1_961570560 + z5, a4 = z4 * -f0_390180644 + z5
        return (x7 * f0_298631336 + a1 + a3, x5 * f2_053119869 + a2 + a4,
                x3 * f3_072711026 + a2 + a3, x1 * f1_501321110 + a1 + a4)
    }
}
