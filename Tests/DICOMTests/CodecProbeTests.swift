import DICOM
import Foundation
import XCTest

final class CodecProbeTests: XCTestCase {
    func testProbe() throws {
        guard ProcessInfo.processInfo.environment["PROBE"] != nil else { return }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Tests/DICOMTests/Fixtures/reference-pixels.json"))) as! [String: Any]
        for entry in json["files"] as! [[String: Any]] where entry["compressed"] as? Bool == true {
            let path = entry["path"] as! String
            let url = root.appendingPathComponent(".testdata").appendingPathComponent(path)
            do {
                let decoded = try DICOMFile.read(contentsOf: url).decodePixels()
                var lo = Double.infinity, hi = -Double.infinity, sum = 0.0
                for i in 0..<decoded.storage.count { let v = decoded.storage.value(at: i); lo = min(lo, v); hi = max(hi, v); sum += v }
                let d = decoded.description
                var maxDiff = 0.0
                for s in (entry["samples"] as? [[String: Any]]) ?? [] {
                    let idx = (s["frame"] as! Int) * d.samplesPerFrame + ((s["row"] as! Int) * d.columns + (s["column"] as! Int)) * d.samplesPerPixel + (s["sample"] as! Int)
                    maxDiff = max(maxDiff, abs(decoded.storage.value(at: idx) - (s["value"] as! Double)))
                }
                let n = Double(decoded.storage.count)
                let rsum = entry["sum"] as? Double ?? .nan
                print("PROBE \(path) lossy=\(entry["lossy"]!) min \(lo)/\(entry["min"] ?? "-") max \(hi)/\(entry["max"] ?? "-") meandiff \((sum - rsum) / n) sampleMaxDiff \(maxDiff)")
            } catch {
                print("PROBE \(path) decodable=\(entry["decodable"]!) ERROR \(error)")
            }
        }
    }
}
