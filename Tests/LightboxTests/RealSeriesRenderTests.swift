import Foundation
import Raster
import XCTest

/// Real scanner series from ../shared/realdata render in every view, the four patient positions of one head show
/// the same anatomy the same way up, and a 4D series' volumes are selectable.
final class RealSeriesRenderTests: XCTestCase {
    static let views = ["axial", "sagittal", "coronal", "acquisition", "mip", "volume"]
    /// A frame has content when at least this share of its pixels is brighter than `darkGrey`. The orientation
    /// letters alone cover about 0.1 % of a 256² frame (the control render below checks they stay under it).
    static let minimumContent = 0.05
    static let darkGrey = 10.0

    private var folder: URL!

    override func setUpWithError() throws { folder = CLI.temporaryFolder("realrender") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Renders `series` with `options` to a PNG and reads it back; asserts exit 0.
    private func render(_ series: URL, _ name: String, _ options: [String]) throws -> Frame? {
        let out = folder.appendingPathComponent("\(series.lastPathComponent)-\(name).png")
        let result = try CLI.run(["render", series.path, "-o", out.path, "--quiet"] + options)
        XCTAssertEqual(result.status, 0, "\(series.lastPathComponent) \(name): \(result.stderr)")
        guard result.status == 0 else { return nil }
        return try ImageFile.read(contentsOf: out)
    }

    /// Every series renders with exit 0 in every view (default options, 256×256), and every frame shows content,
    /// not just black and the orientation letters.
    func testEverySeriesRendersEveryViewWithContent() throws {
        let series = try RealDataLocations.realSeriesFolders()
        // Control: a window above every stored value leaves only the letters on black.
        let control = try XCTUnwrap(render(series[0], "control", ["--size", "256x256", "--window", "1000000,1"]))
        let letters = GreyImage(control).fraction(brighterThan: Self.darkGrey)
        print("render control (black + letters) \(series[0].lastPathComponent): content \(String(format: "%.4f", letters))")
        XCTAssertLessThan(letters, Self.minimumContent / 10, "the letters alone are far from passing as content")

        for folder in series {
            for view in Self.views {
                guard let frame = try render(folder, view, ["--view", view, "--size", "256x256"]) else { continue }
                XCTAssertEqual([frame.width, frame.height], [256, 256], "\(folder.lastPathComponent) \(view)")
                let content = GreyImage(frame).fraction(brighterThan: Self.darkGrey)
                print("render \(folder.lastPathComponent) \(view): content \(String(format: "%.3f", content))")
                XCTAssertGreaterThanOrEqual(content, Self.minimumContent, "\(folder.lastPathComponent) \(view) is (nearly) black")
            }
        }
    }

    /// One head scanned head first supine, prone and decubitus left and right: the sagittal view must show it
    /// the same way up and facing the same way. Each is rendered as a sagittal average slab through the whole
    /// stack (so where the head lies left–right in the field does not matter), without letters (they would match
    /// in every frame), downsampled to 64² grey and high-passed (the head's outline alone looks much the same
    /// mirrored). HFP, HFDL and HFDR must each correlate better with HFS (best over translations up to ±25 %) than
    /// the same frame mirrored left–right (anterior/posterior swapped) or flipped up–down (superior/inferior swapped).
    func testPatientPositionsShowTheSameAnatomyUnderTheSameLetters() throws {
        let size = 64, shift = 64 / 4
        func sagittal(_ position: String) throws -> GreyImage? {
            let series = try RealDataLocations.realSeries("mr-t1-sag-\(position)")
            let (report, reason) = try InfoReport.of(series)
            let corners = try XCTUnwrap(report?.defaultVolume?.cornersLPS, reason)
            // The stack's thickness along x (sagittal slices), plus a slice's worth, rounded up to whole mm.
            let xs = corners.map { $0[0] }, slices = Double(try XCTUnwrap(report?.defaultVolume?.slices))
            let thickness = ((xs.max()! - xs.min()!) * slices / max(slices - 1, 1)).rounded(.up) + 1
            let frame = try render(series, "sagittal-slab", ["--view", "sagittal", "--size", "256x256", "--no-letters",
                                                             "--slab", String(format: "%g", thickness), "--slab-mode", "avg"])
            return frame.map { GreyImage($0).downsampled(to: size).highPassed(radius: 4) }
        }
        let reference = try XCTUnwrap(sagittal("HFS"))
        for position in ["HFP", "HFDL", "HFDR"] {
            let frame = try XCTUnwrap(sagittal(position))
            let same = reference.bestCorrelation(with: frame, maxShift: shift)
            let mirrored = reference.bestCorrelation(with: frame.mirroredLeftRight, maxShift: shift)
            let flipped = reference.bestCorrelation(with: frame.flippedUpDown, maxShift: shift)
            print(String(format: "render sagittal %@ vs HFS: as rendered %.3f (shift %d,%d), mirrored left-right %.3f, flipped up-down %.3f",
                         position, same.value, same.dx, same.dy, mirrored.value, flipped.value))
            XCTAssertGreaterThan(same.value, mirrored.value, "\(position): anterior and posterior look swapped against HFS")
            XCTAssertGreaterThan(same.value, flipped.value, "\(position): superior and inferior look swapped against HFS")
        }
    }

    /// The Toshiba DTI series (520 images = 40 positions × 13 diffusion volumes) is one stack of 13 volumes of
    /// 40 slices; the last volume renders and differs from the first; one past the last is refused (exit 2)
    /// with a message naming how many there are.
    func testDiffusionSeriesListsAndRendersItsVolumes() throws {
        let series = try RealDataLocations.realSeries("mr-dti-4d-coronal")
        let (report, reason) = try InfoReport.of(series)
        let info = try XCTUnwrap(report, reason)
        XCTAssertEqual(info.series.count, 1)
        let stacks = try XCTUnwrap(info.series.first?.stacks)
        XCTAssertEqual(stacks.count, 1, "one stack")
        let volumes = try XCTUnwrap(stacks.first?.volumes)
        XCTAssertEqual(volumes.count, 13, "13 volumes")
        for volume in volumes {
            XCTAssertEqual(volume.slices, 40, "volume \(volume.index) (\(volume.label))")
            XCTAssertEqual(volume.dimensions ?? [], [64, 64, 40], "volume \(volume.index) (\(volume.label))")
        }

        let first = try XCTUnwrap(render(series, "volume0", ["--volume", "0", "--size", "256x256"]))
        let last = try XCTUnwrap(render(series, "volume12", ["--volume", "12", "--size", "256x256"]))
        let a = GreyImage(first), b = GreyImage(last)
        let meanDifference = zip(a.values, b.values).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(a.values.count)
        print(String(format: "render mr-dti-4d-coronal volume 0 vs 12: mean grey difference %.2f", meanDifference))
        XCTAssertGreaterThan(meanDifference, 1, "volume 12 (b=1500) looks like volume 0 (b=0)")

        let out = folder.appendingPathComponent("volume13.png")
        let beyond = try CLI.run(["render", series.path, "-o", out.path, "--volume", "13", "--size", "256x256", "--quiet"])
        XCTAssertEqual(beyond.status, 2, beyond.stderr)
        XCTAssertTrue(beyond.stderr.contains("13 volume"), "the message names the count: \(beyond.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "no image for a volume that does not exist")
    }
}
