import Foundation
import Raster

/// A grey image as numbers (0…255), for comparing rendered frames: downsampling, mirroring, high-pass filtering
/// and normalised cross-correlation over translations.
struct GreyImage {
    let width: Int
    let height: Int
    /// Row by row.
    var values: [Double]

    init(width: Int, height: Int, values: [Double]) {
        precondition(values.count == width * height)
        self.width = width
        self.height = height
        self.values = values
    }

    /// The mean of red, green and blue of each pixel, scaled to 0…255.
    init(_ frame: Frame) {
        let scale = 255 / Double(frame.format.maxValue)
        var values: [Double] = []
        values.reserveCapacity(frame.pixelCount)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let p = frame.pixel(x: x, y: y)!
                values.append(Double(Int(p.r) + Int(p.g) + Int(p.b)) / 3 * scale)
            }
        }
        self.init(width: frame.width, height: frame.height, values: values)
    }

    subscript(x: Int, y: Int) -> Double { values[y * width + x] }

    /// Share of pixels brighter than `threshold`.
    func fraction(brighterThan threshold: Double) -> Double {
        Double(values.filter { $0 > threshold }.count) / Double(values.count)
    }

    /// Box-averaged to `size` × `size` (each output pixel the mean of its block of input pixels).
    func downsampled(to size: Int) -> GreyImage {
        var out = [Double](repeating: 0, count: size * size)
        for oy in 0..<size {
            for ox in 0..<size {
                let x0 = ox * width / size, x1 = max(x0 + 1, (ox + 1) * width / size)
                let y0 = oy * height / size, y1 = max(y0 + 1, (oy + 1) * height / size)
                var sum = 0.0
                for y in y0..<y1 { for x in x0..<x1 { sum += self[x, y] } }
                out[oy * size + ox] = sum / Double((x1 - x0) * (y1 - y0))
            }
        }
        return GreyImage(width: size, height: size, values: out)
    }

    /// Left and right swapped.
    var mirroredLeftRight: GreyImage {
        GreyImage(width: width, height: height, values: (0..<values.count).map { self[width - 1 - $0 % width, $0 / width] })
    }

    /// Top and bottom swapped.
    var flippedUpDown: GreyImage {
        GreyImage(width: width, height: height, values: (0..<values.count).map { self[$0 % width, height - 1 - $0 / width] })
    }

    /// Each pixel minus the mean of the (2·radius+1)² box around it (edges clamped): the structure (edges,
    /// folds, cavities) without the broad silhouette, which looks much the same mirrored.
    func highPassed(radius: Int) -> GreyImage {
        var out = values
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for dy in -radius...radius {
                    for dx in -radius...radius {
                        sum += self[min(max(x + dx, 0), width - 1), min(max(y + dy, 0), height - 1)]
                    }
                }
                out[y * width + x] = self[x, y] - sum / Double((2 * radius + 1) * (2 * radius + 1))
            }
        }
        return GreyImage(width: width, height: height, values: out)
    }

    /// The Pearson correlation of `self` with `other` moved by (dx, dy), over the pixels where they overlap.
    func correlation(with other: GreyImage, dx: Int, dy: Int) -> Double {
        var a: [Double] = [], b: [Double] = []
        for y in max(0, dy)..<min(height, other.height + dy) {
            for x in max(0, dx)..<min(width, other.width + dx) {
                a.append(self[x, y])
                b.append(other[x - dx, y - dy])
            }
        }
        guard a.count > 1 else { return 0 }
        let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
        var ab = 0.0, aa = 0.0, bb = 0.0
        for (u, v) in zip(a, b) {
            ab += (u - meanA) * (v - meanB)
            aa += (u - meanA) * (u - meanA)
            bb += (v - meanB) * (v - meanB)
        }
        return aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 0
    }

    /// The best correlation over integer translations of `other` up to `maxShift` pixels each way.
    func bestCorrelation(with other: GreyImage, maxShift: Int) -> (value: Double, dx: Int, dy: Int) {
        var best = (value: -2.0, dx: 0, dy: 0)
        for dy in -maxShift...maxShift {
            for dx in -maxShift...maxShift {
                let c = correlation(with: other, dx: dx, dy: dy)
                if c > best.value { best = (c, dx, dy) }
            }
        }
        return best
    }
}
