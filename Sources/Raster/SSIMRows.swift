/// The working rows of one SSIM pass over a band of rows (see `StructuralSimilarity`), allocated once and reused for
/// every channel and strip: one source row of each moment with its 5 neighbours each side, a ring of the last 11 rows
/// blurred along the row, and the four moments of one output row blurred down the columns. The image is taken in
/// strips of `stripWidth` columns so that the ring stays in the first-level cache. Eight pixels at a time; rows are
/// padded to whole lanes with the edge pixel, and those extra pixels count in no sum.
final class SSIMRows {
    /// Columns of one strip (a ring of 11 × 4 rows of 128 floats is 22.5 KB).
    static let stripWidth = 128
    private typealias Lanes = SIMD8<Float>
    /// Moments per pixel: x, y, x² + y², xy.
    private static let moments = 4
    private static let taps = 2 * StructuralSimilarity.radius + 1

    private let width: Int
    private let height: Int
    /// The strip's columns (set per strip).
    private var columns = 0..<0
    /// `stripWidth` (or the image width when narrower) rounded up to whole lanes.
    private let paddedWidth: Int
    /// One source row with `radius` edge pixels each side, rounded up to whole lanes.
    private let sourceLength: Int
    /// `moments` source rows of `sourceLength`.
    private let source: UnsafeMutablePointer<Float>
    /// `taps` slots of `moments` rows of `paddedWidth`: the row blurred horizontally, slot = source row % taps.
    private let ring: UnsafeMutablePointer<Float>
    /// `moments` rows of `paddedWidth`: one output row's moments, blurred both ways.
    private let blurred: UnsafeMutablePointer<Float>
    /// 1 where the output row's pixel counts, 0 where it is ignored or padding.
    private let kept: UnsafeMutablePointer<Float>

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        paddedWidth = (min(width, Self.stripWidth) + 7) / 8 * 8
        sourceLength = (paddedWidth + 2 * StructuralSimilarity.radius + 7) / 8 * 8
        source = .allocate(capacity: Self.moments * sourceLength)
        ring = .allocate(capacity: Self.taps * Self.moments * paddedWidth)
        blurred = .allocate(capacity: Self.moments * paddedWidth)
        kept = .allocate(capacity: paddedWidth)
    }

    deinit {
        source.deallocate()
        ring.deallocate()
        blurred.deallocate()
        kept.deallocate()
    }

    /// Sum of the per-pixel SSIM of one channel over the output `rows` not ignored. `x` and `y` hold `stride`
    /// samples per pixel, the channel at offset `channel`; `scale` maps a sample to 0…1.
    func sum(_ x: [UInt8], _ y: [UInt8], stride: Int, channel: Int, scale: Float, rows: Range<Int>, ignored: [Bool]?) -> Double {
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                sum(rows: rows, ignored: ignored) { load(row: $0, xs, ys, stride: stride, channel: channel, scale: scale) }
            }
        }
    }

    /// The same for 16-bit samples.
    func sum(_ x: [UInt16], _ y: [UInt16], stride: Int, channel: Int, scale: Float, rows: Range<Int>, ignored: [Bool]?) -> Double {
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                sum(rows: rows, ignored: ignored) { load(row: $0, xs, ys, stride: stride, channel: channel, scale: scale) }
            }
        }
    }

    /// The strip and row loop: `load` fills `source` with a source row's moments.
    private func sum(rows: Range<Int>, ignored: [Bool]?, load: (Int) -> Void) -> Double {
        let r = StructuralSimilarity.radius
        var total = 0.0
        for first in Swift.stride(from: 0, to: width, by: Self.stripWidth) {
            columns = first..<min(width, first + Self.stripWidth)
            var next = max(0, rows.lowerBound - r)   // the next source row to blur
            if ignored == nil { markKept(row: 0, ignored: nil) }
            for row in rows {
                while next <= min(height - 1, row + r) {
                    load(next)
                    blurAlongRow(into: ring + (next % Self.taps) * Self.moments * paddedWidth)
                    next += 1
                }
                blurDownColumns(row: row)
                if ignored != nil { markKept(row: row, ignored: ignored) }
                total += rowSum()
            }
        }
        return total
    }

    /// Fills `source` with the moments of source row `row` over the strip's columns and 5 more each side, repeating
    /// the image's edge pixels (specialised for each sample type where it is called: a generic sample read costs
    /// more than the whole blur).
    private func load<T: BinaryInteger>(row: Int, _ xs: UnsafeBufferPointer<T>, _ ys: UnsafeBufferPointer<T>,
                                        stride: Int, channel: Int, scale: Float) {
        let px = source, py = source + sourceLength, pss = source + 2 * sourceLength, pxy = source + 3 * sourceLength
        // source[j] is image column `origin + j`, clamped to the image.
        let origin = columns.lowerBound - StructuralSimilarity.radius
        let left = max(0, -origin), right = min(sourceLength, width - origin)
        var k = (row * width + origin + left) * stride + channel
        for j in left..<right {
            px[j] = Float(xs[k]) * scale
            py[j] = Float(ys[k]) * scale
            k += stride
        }
        for j in 0..<left {
            px[j] = px[left]
            py[j] = py[left]
        }
        for j in right..<sourceLength {
            px[j] = px[right - 1]
            py[j] = py[right - 1]
        }
        for i in Swift.stride(from: 0, to: sourceLength, by: 8) {
            let vx = Self.lanes(px + i), vy = Self.lanes(py + i)
            Self.store(vx * vx + vy * vy, pss + i)
            Self.store(vx * vy, pxy + i)
        }
    }

    /// Blurs each moment of `source` along the row into `out` (`moments` rows of `paddedWidth`).
    private func blurAlongRow(into out: UnsafeMutablePointer<Float>) {
        let w = Weights.shared
        for m in 0..<Self.moments {
            let from = source + m * sourceLength, to = out + m * paddedWidth
            for i in Swift.stride(from: 0, to: paddedWidth, by: 8) {
                let s = from + i
                var v = w.w5 * Self.lanes(s + 5)
                v += w.w0 * (Self.lanes(s) + Self.lanes(s + 10))
                v += w.w1 * (Self.lanes(s + 1) + Self.lanes(s + 9))
                v += w.w2 * (Self.lanes(s + 2) + Self.lanes(s + 8))
                v += w.w3 * (Self.lanes(s + 3) + Self.lanes(s + 7))
                v += w.w4 * (Self.lanes(s + 4) + Self.lanes(s + 6))
                Self.store(v, to + i)
            }
        }
    }

    /// Blurs the ring's rows around output row `row` down the columns into `blurred`, repeating the edge rows.
    private func blurDownColumns(row: Int) {
        let w = Weights.shared, r = StructuralSimilarity.radius
        let slot = { (k: Int) in self.ring + (min(max(row + k - r, 0), self.height - 1) % Self.taps) * Self.moments * self.paddedWidth }
        let s0 = slot(0), s1 = slot(1), s2 = slot(2), s3 = slot(3), s4 = slot(4), s5 = slot(5)
        let s6 = slot(6), s7 = slot(7), s8 = slot(8), s9 = slot(9), s10 = slot(10)
        for m in 0..<Self.moments {
            let o = m * paddedWidth, to = blurred + o
            for i in Swift.stride(from: o, to: o + paddedWidth, by: 8) {
                var v = w.w5 * Self.lanes(s5 + i)
                v += w.w0 * (Self.lanes(s0 + i) + Self.lanes(s10 + i))
                v += w.w1 * (Self.lanes(s1 + i) + Self.lanes(s9 + i))
                v += w.w2 * (Self.lanes(s2 + i) + Self.lanes(s8 + i))
                v += w.w3 * (Self.lanes(s3 + i) + Self.lanes(s7 + i))
                v += w.w4 * (Self.lanes(s4 + i) + Self.lanes(s6 + i))
                Self.store(v, to + (i - o))
            }
        }
    }

    /// Fills `kept` for the strip's columns of output row `row`.
    private func markKept(row: Int, ignored: [Bool]?) {
        let first = row * width + columns.lowerBound
        for i in 0..<paddedWidth { kept[i] = i < columns.count && ignored?[first + i] != true ? 1 : 0 }
    }

    /// Sum of the SSIM of the kept pixels of the output row in `blurred`.
    private func rowSum() -> Double {
        let c1 = Lanes(repeating: StructuralSimilarity.c1), c2 = Lanes(repeating: StructuralSimilarity.c2)
        let mxs = blurred, mys = blurred + paddedWidth, squares = blurred + 2 * paddedWidth, products = blurred + 3 * paddedWidth
        var sum = Lanes()
        for i in Swift.stride(from: 0, to: paddedWidth, by: 8) {
            let mx = Self.lanes(mxs + i), my = Self.lanes(mys + i)
            let meanProduct = mx * my, meanSquares = mx * mx + my * my
            // σx² + σy² = E[x² + y²] − (μx² + μy²); σxy = E[xy] − μxμy.
            let numerator = (2 * meanProduct + c1) * (2 * (Self.lanes(products + i) - meanProduct) + c2)
            let denominator = (meanSquares + c1) * (Self.lanes(squares + i) - meanSquares + c2)
            sum += Self.lanes(kept + i) * (numerator / denominator)
        }
        return Double(sum.sum())
    }

    private static func lanes(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    private static func lanes(_ p: UnsafeMutablePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    private static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self) }

    /// The Gaussian's weights as lanes, by distance from the centre tap (w5) outwards (w0 is 5 pixels away).
    private struct Weights {
        static let shared = Weights()
        let w0, w1, w2, w3, w4, w5: Lanes
        init() {
            let w = StructuralSimilarity.weights
            (w0, w1, w2, w3, w4, w5) = (Lanes(repeating: w[0]), Lanes(repeating: w[1]), Lanes(repeating: w[2]),
                                        Lanes(repeating: w[3]), Lanes(repeating: w[4]), Lanes(repeating: w[5]))
        }
    }
}
