import Raster
import XCTest

extension Frame {
    /// The red channel (the grey level of a grey frame) at column x, row y (row 0 at the top).
    func grey(_ x: Int, _ y: Int) -> UInt8 { samples8[(y * width + x) * 4] }
}

/// Compares `frame` with `expected(x, y)` for every pixel; reports the first few mismatches and their count.
func assertFrame(
    _ frame: Frame, width: Int, height: Int, equals expected: (Int, Int) -> UInt8,
    tolerance: Int = 0, _ label: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(frame.width, width, "\(label): width", file: file, line: line)
    XCTAssertEqual(frame.height, height, "\(label): height", file: file, line: line)
    guard frame.width == width, frame.height == height else { return }
    var mismatches: [String] = []
    var count = 0
    for y in 0..<height {
        for x in 0..<width {
            let want = expected(x, y), got = frame.grey(x, y)
            if abs(Int(want) - Int(got)) > tolerance {
                count += 1
                if mismatches.count < 5 { mismatches.append("(\(x),\(y)) expected \(want) got \(got)") }
            }
        }
    }
    XCTAssertEqual(count, 0, "\(label): \(count) pixels differ: \(mismatches.joined(separator: "; "))", file: file, line: line)
}
