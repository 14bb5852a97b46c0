import DICOM
import Foundation
import TestSupport
import XCTest
@testable import Volume

/// Series splitting: duplicate copies, stacks by orientation/size/spacing, and the volumes of 4D stacks.
final class SeriesSplitterTests: XCTestCase {
    static let axialRow = Vector3(1, 0, 0), axialColumn = Vector3(0, 1, 0)

    /// One image at position `k` along the normal of (`row`, `column`), named after its InstanceNumber.
    func image(
        _ instance: Int, at k: Int, keys: AcquisitionKeys = AcquisitionKeys(), step: Double = 2.5,
        row: Vector3 = axialRow, column: Vector3 = axialColumn, rows: Int = 8, columns: Int = 6,
        spacing: Double = 0.7, folder: String = "/data/series"
    ) -> SliceMetadata {
        SliceMetadata(
            imageID: "\(folder)/IM\(instance).dcm", sopInstanceUID: "1.2.3.\(instance)", seriesInstanceUID: "1.2.3",
            frameOfReferenceUID: "1.2.9", modality: "MR", instanceNumber: instance,
            plane: ImagePlane(
                position: Vector3(-100, -80, 30) + row.cross(column).normalized * (Double(k) * step),
                rowDirection: row, columnDirection: column,
                rowSpacing: spacing, columnSpacing: spacing, rows: rows, columns: columns),
            rescale: Rescale(slope: 1, intercept: 0), keys: keys)
    }

    /// `volumes` volumes of `positions` slices, InstanceNumbers volume after volume; `keys(volume, position)`.
    func series4D(positions: Int, volumes: Int,
                  keys: (Int, Int) -> AcquisitionKeys = { _, _ in AcquisitionKeys() }) -> [SliceMetadata] {
        (0..<volumes).flatMap { v in
            (0..<positions).map { k in image(1 + v * positions + k, at: k, keys: keys(v, k)) }
        }
    }

    /// Distinct positions along the stack normal (rounded to µm) in a volume.
    func positions(_ volume: StackVolume, normal: Vector3) -> Set<Int> {
        Set(volume.slices.map { Int(($0.plane.position.dot(normal) * 1000).rounded()) })
    }

    /// Asserts every volume of `stack` holds `count` slices at distinct positions and assembles.
    func assertRegularVolumes(_ stack: ImageStack, slices count: Int,
                              file: StaticString = #filePath, line: UInt = #line) {
        for volume in stack.volumes {
            XCTAssertEqual(volume.slices.count, count, volume.label, file: file, line: line)
            XCTAssertEqual(positions(volume, normal: stack.normal).count, count, volume.label, file: file, line: line)
            XCTAssertNoThrow(try SeriesAssembler().assemble(volume.slices), volume.label, file: file, line: line)
        }
    }

    func testPlain3DSeriesIsOneStackOneVolume() throws {
        var generator = SplitMix64(seed: 1)
        let slices = series4D(positions: 30, volumes: 1).shuffled(using: &generator)
        let split = SeriesSplitter().split(slices)
        XCTAssertEqual(split.stacks.count, 1)
        XCTAssertTrue(split.duplicates.isEmpty)
        let stack = try XCTUnwrap(split.stacks.first)
        XCTAssertEqual(stack.planeName, "axial")
        XCTAssertEqual([stack.columns, stack.rows, stack.imageCount], [6, 8, 30])
        XCTAssertNil(stack.distinguishedBy)
        XCTAssertEqual(stack.volumes.map(\.label), ["whole stack"])
        XCTAssertEqual(stack.volumes[0].slices.map(\.imageID), slices.map(\.imageID), "input order is kept")
    }

    func testTemporalPositionIndexOrdersVolumesNumerically() throws {
        let indices = [10, 2, 33, 4, 100]
        let slices = series4D(positions: 12, volumes: indices.count) { v, _ in
            AcquisitionKeys(temporalPositionIndex: indices[v], acquisitionNumber: 1, echoNumber: 1)
        }
        let stack = try XCTUnwrap(SeriesSplitter().split(slices).stacks.first)
        XCTAssertEqual(stack.distinguishedBy, "TemporalPositionIndex")
        XCTAssertEqual(stack.volumes.map(\.label), indices.sorted().map { "TemporalPositionIndex \($0)" })
        for (volume, index) in zip(stack.volumes, indices.sorted()) {
            XCTAssertEqual(Set(volume.slices.map(\.keys.temporalPositionIndex)), [index])
        }
        assertRegularVolumes(stack, slices: 12)
    }

    func testDiffusionWithB0LackingTheBValueLikeToshibaDTI() throws {
        var generator = SplitMix64(seed: 7)
        func unit() -> Vector3 {
            Vector3(.random(in: -1...1, using: &generator), .random(in: -1...1, using: &generator),
                    .random(in: -1...1, using: &generator)).normalized
        }
        let gradients = [Vector3(0.15263651, -0.89542103, 0.41823840)] + (0..<11).map { _ in unit() }
        let tilt = 20 * Double.pi / 180
        let row = Vector3(cos(tilt), 0, -sin(tilt)), column = Vector3(0, 1, 0)
        let slices = (0..<13).flatMap { v in
            (0..<40).map { k in
                image(v * 40 + k + 1, at: k, keys: AcquisitionKeys(
                    temporalPositionIndex: 1, acquisitionNumber: 5, echoNumber: 1, echoTime: 79,
                    diffusionBValue: v == 0 ? nil : 1500, diffusionGradient: v == 0 ? nil : gradients[v - 1]),
                      step: 3, row: row, column: column)
            }
        }
        let split = SeriesSplitter().split(slices.shuffled(using: &generator))
        XCTAssertEqual(split.stacks.count, 1)
        let stack = try XCTUnwrap(split.stacks.first)
        XCTAssertEqual(stack.distinguishedBy, "DiffusionBValue+DiffusionGradientOrientation")
        XCTAssertEqual(stack.volumes.count, 13)
        XCTAssertEqual(stack.volumes[0].label, "b=0")
        XCTAssertTrue(stack.volumes[0].slices.allSatisfy { $0.keys.diffusionBValue == nil })
        // Directions have no order: the volumes keep the acquisition order (the gradient table's).
        for (volume, gradient) in zip(stack.volumes.dropFirst(), gradients) {
            XCTAssertEqual(Set(volume.slices.map(\.keys.diffusionGradient)), [gradient], volume.label)
            XCTAssertTrue(volume.label.hasPrefix("b=1500 gradient ("), volume.label)
        }
        XCTAssertEqual(stack.volumes[1].label, "b=1500 gradient (0.15, -0.90, 0.42)")
        assertRegularVolumes(stack, slices: 40)
    }

    func testEchoNumbersWhenTemporalPositionIsConstant() throws {
        let slices = series4D(positions: 20, volumes: 3) { v, _ in
            AcquisitionKeys(temporalPositionIndex: 1, echoNumber: 3 - v, echoTime: Double(30 - 10 * v))
        }
        let stack = try XCTUnwrap(SeriesSplitter().split(slices).stacks.first)
        XCTAssertEqual(stack.distinguishedBy, "EchoNumbers")
        XCTAssertEqual(stack.volumes.map(\.label), ["echo 1", "echo 2", "echo 3"])
        XCTAssertEqual(stack.volumes.map { Set($0.slices.map(\.keys.echoTime)) }, [[10], [20], [30]])
        assertRegularVolumes(stack, slices: 20)
    }

    func testAttributesThatDifferOnlyTogetherUseTheirCombination() throws {
        // Magnitude and phase of two echoes: neither echo nor image type alone keeps positions apart.
        let types = [["ORIGINAL", "PRIMARY", "M"], ["ORIGINAL", "PRIMARY", "P"]]
        let slices = series4D(positions: 10, volumes: 4) { v, _ in
            AcquisitionKeys(echoNumber: v % 2 + 1, echoTime: Double(v % 2 + 1) * 5, imageType: types[v / 2])
        }
        let stack = try XCTUnwrap(SeriesSplitter().split(slices).stacks.first)
        XCTAssertEqual(stack.distinguishedBy, "EchoNumbers+EchoTime+ImageType")
        XCTAssertEqual(stack.volumes.map(\.label), [
            "echo 1, TE 5 ms, ImageType ORIGINAL\\PRIMARY\\M", "echo 1, TE 5 ms, ImageType ORIGINAL\\PRIMARY\\P",
            "echo 2, TE 10 ms, ImageType ORIGINAL\\PRIMARY\\M", "echo 2, TE 10 ms, ImageType ORIGINAL\\PRIMARY\\P",
        ])
        assertRegularVolumes(stack, slices: 10)
    }

    func testFallbackPutsTheNthImageAtEachPositionInVolumeN() throws {
        // Volume after volume, and (as cine series often are) all phases of one position after another.
        let volumeMajor = series4D(positions: 10, volumes: 4)
        let positionMajor = (0..<10).flatMap { k in (0..<4).map { v in image(k * 4 + v + 1, at: k) } }
        let orderings: [(slices: [SliceMetadata], volumeOf: (Int) -> Int)] = [
            (volumeMajor, { ($0 - 1) / 10 }), (positionMajor, { ($0 - 1) % 4 }),
        ]
        var generator = SplitMix64(seed: 3)
        for (slices, volumeOf) in orderings {
            let stack = try XCTUnwrap(SeriesSplitter().split(slices.shuffled(using: &generator)).stacks.first)
            XCTAssertEqual(stack.distinguishedBy, "repeated positions in InstanceNumber order")
            XCTAssertEqual(stack.volumes.map(\.label), ["occurrence 1", "occurrence 2", "occurrence 3", "occurrence 4"])
            for volume in stack.volumes {
                XCTAssertEqual(Set(volume.slices.map { volumeOf($0.instanceNumber!) }), [volume.index])
            }
            assertRegularVolumes(stack, slices: 10)
        }
    }

    func testTriggerTimeThatDiffersPerSliceIsNotAVolumePerImage() throws {
        // Cine: each slice position was acquired in its own heartbeat, so trigger times differ slightly between slices.
        let slices: [SliceMetadata] = (0..<8).flatMap { (k: Int) -> [SliceMetadata] in
            (0..<5).map { (v: Int) -> SliceMetadata in
                image(k * 5 + v + 1, at: k, keys: AcquisitionKeys(triggerTime: Double(v) * 40 + Double(k) * 0.3))
            }
        }
        let stack = try XCTUnwrap(SeriesSplitter().split(slices).stacks.first)
        XCTAssertEqual(stack.distinguishedBy, "repeated positions in InstanceNumber order")
        XCTAssertEqual(stack.volumes.count, 5)
        for volume in stack.volumes {
            let phases = volume.slices.map { (slice: SliceMetadata) -> Int in Int(slice.keys.triggerTime! / 40) }
            XCTAssertEqual(Set(phases), [volume.index])
        }
    }

    func testLocalizersFormTheirOwnStacksAfterTheMainStack() throws {
        var generator = SplitMix64(seed: 5)
        let sagittalRow = Vector3(0, 1, 0), sagittalColumn = Vector3(0, 0, -1)
        let localizers = [
            image(1, at: 0, row: Vector3(1, 0, 0), column: Vector3(0, 0, -1), rows: 512, columns: 512),
            image(2, at: 4, row: Vector3(1, 0, 0), column: Vector3(0, 0, -1), rows: 512, columns: 512),
            image(3, at: 0, row: sagittalRow, column: sagittalColumn, rows: 512, columns: 512),
        ]
        // The main stack jitters by about 1e-6 like real scanners do.
        let main = (0..<50).map { k in
            var slice = image(10 + k, at: k)
            let jitter = Vector3(.random(in: -1e-6...1e-6, using: &generator),
                                 .random(in: -1e-6...1e-6, using: &generator), 0)
            slice.plane.rowDirection = (slice.plane.rowDirection + jitter).normalized
            slice.plane.columnDirection = (slice.plane.columnDirection + Vector3(-jitter.y, jitter.x, 0)).normalized
            return slice
        }
        let split = SeriesSplitter().split(localizers + main)
        XCTAssertEqual(split.stacks.map(\.planeName), ["axial", "coronal", "sagittal"])
        XCTAssertEqual(split.stacks.map(\.imageCount), [50, 2, 1])
        XCTAssertEqual(split.stacks.map(\.index), [0, 1, 2])
        XCTAssertEqual(split.stacks.map { [$0.columns, $0.rows] }, [[6, 8], [512, 512], [512, 512]])
        XCTAssertEqual(split.stacks[1].volumes.map { $0.slices.map(\.instanceNumber) }, [[1, 2]])
        XCTAssertEqual(split.stacks[2].rowDirection, sagittalRow)
        XCTAssertTrue(split.stacks.allSatisfy { $0.distinguishedBy == nil && $0.volumes.count == 1 })
    }

    func testOrientationSizeAndSpacingSeparateStacksBeyondTolerance() {
        let degree = Double.pi / 180
        let tilted = Vector3(cos(degree), 0, -sin(degree))
        let cases: [(SliceMetadata, Int)] = [
            (image(2, at: 1, row: (Vector3(1, 0, 0) + Vector3(0, 2e-4, 0)).normalized), 1),
            (image(2, at: 1, row: tilted, column: Vector3(0, 1, 0)), 2),
            (image(2, at: 1, spacing: 0.7 * (1 + 2e-4)), 1),
            (image(2, at: 1, spacing: 0.75), 2),
            (image(2, at: 1, rows: 9), 2),
            (image(2, at: 1, columns: 7), 2),
        ]
        for (index, (other, stackCount)) in cases.enumerated() {
            XCTAssertEqual(SeriesSplitter().split([image(1, at: 0), other]).stacks.count, stackCount, "case \(index)")
        }
    }

    func testEqualStacksOrderByLowestInstanceNumber() {
        let oblique = Vector3(cos(0.6), 0, -sin(0.6))
        let first = (0..<5).map { image(6 + $0, at: $0) }
        let second = (0..<5).map { image(1 + $0, at: $0, row: oblique, column: Vector3(0, 1, 0)) }
        let split = SeriesSplitter().split(first + second)
        XCTAssertEqual(split.stacks.map { $0.volumes[0].slices.map(\.instanceNumber!).min() }, [1, 6])
        XCTAssertEqual(split.stacks.map(\.planeName), ["oblique", "axial"])
    }

    func testManyOrientationsEachFormAStack() {
        // A radial acquisition taken apart: every image turned 0.1° further about the z axis.
        let count = 2000
        let slices = (0..<count).map { n in
            let angle = Double(n) * 0.1 * Double.pi / 180
            return image(n + 1, at: 0, row: Vector3(cos(angle), sin(angle), 0), column: Vector3(0, 0, 1))
        }
        let split = SeriesSplitter().split(slices)
        XCTAssertEqual(split.stacks.count, count)
        XCTAssertTrue(split.stacks.allSatisfy { $0.imageCount == 1 })
        XCTAssertEqual(split.stacks.map { $0.volumes[0].slices[0].instanceNumber! }, Array(1...count))
    }

    func testDuplicateCopiesAreReportedOnceAndUsedOnce() throws {
        let original = series4D(positions: 10, volumes: 1)
        let copies = [image(3, at: 2, folder: "/b"), image(5, at: 4, folder: "/c"), image(5, at: 4, folder: "/a")]
        var generator = SplitMix64(seed: 11)
        let split = SeriesSplitter().split((original + copies).shuffled(using: &generator))
        XCTAssertEqual(split.duplicates, [
            DuplicateInstance(sopInstanceUID: "1.2.3.3", frameIndex: 0, images: ["IM3.dcm", "IM3.dcm"]),
            DuplicateInstance(sopInstanceUID: "1.2.3.5", frameIndex: 0, images: ["IM5.dcm", "IM5.dcm", "IM5.dcm"]),
        ])
        let stack = try XCTUnwrap(split.stacks.first)
        XCTAssertEqual(split.stacks.count, 1)
        XCTAssertEqual(stack.imageCount, 10)
        XCTAssertNil(stack.distinguishedBy, "copies do not make positions repeat")
        let used = stack.volumes[0].slices.map(\.imageID)
        XCTAssertTrue(used.contains("/a/IM5.dcm") && used.contains("/b/IM3.dcm"),
                      "the first copy by image id is kept: \(used)")
        XCTAssertEqual(Set(used).count, 10)
    }

    func testFramesOfOneInstanceAreNotCopies() {
        let frames = (0..<4).map { k in
            var slice = image(1, at: k)
            slice.frameIndex = k
            return slice
        }
        let split = SeriesSplitter().split(frames)
        XCTAssertTrue(split.duplicates.isEmpty)
        XCTAssertEqual(split.stacks.map(\.imageCount), [4])
    }

    func testShuffledOrderGivesTheSameSplit() {
        let sagittal = (0..<3).map { image(900 + $0, at: $0, row: Vector3(0, 1, 0), column: Vector3(0, 0, -1)) }
        let dynamic = series4D(positions: 15, volumes: 6) { v, _ in AcquisitionKeys(temporalPositionIdentifier: v + 1) }
        let cine = (0..<5).flatMap { k in (0..<3).map { v in image(500 + k * 3 + v, at: k, spacing: 1.2) } }
        var copy = dynamic[3]
        copy.imageID = "/copy/IM4.dcm"
        let slices = sagittal + dynamic + cine + [copy]

        /// Stack by stack: plane, count, key, and each volume's label with its images.
        func signature(_ split: SeriesSplit) -> [String] {
            split.stacks.map { stack in
                "\(stack.planeName) \(stack.imageCount) \(stack.distinguishedBy ?? "-"): "
                    + stack.volumes.map { "\($0.label)=\($0.slices.map(\.imageID).sorted())" }.joined(separator: "; ")
            } + split.duplicates.map { "\($0)" }
        }
        let reference = SeriesSplitter().split(slices)
        XCTAssertEqual(reference.stacks.map(\.imageCount), [90, 15, 3])
        XCTAssertEqual(reference.stacks.map(\.distinguishedBy),
                       ["TemporalPositionIdentifier", "repeated positions in InstanceNumber order", nil])
        XCTAssertEqual(reference.duplicates.count, 1)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5 {
            let shuffled = slices.shuffled(using: &generator)
            let split = SeriesSplitter().split(shuffled)
            XCTAssertEqual(signature(split), signature(reference))
            for volume in split.stacks.flatMap(\.volumes) {
                let ids = Set(volume.slices.map(\.imageID))
                XCTAssertEqual(volume.slices.map(\.imageID), shuffled.map(\.imageID).filter { ids.contains($0) },
                               "a volume keeps the input order")
            }
        }
    }

    func testTenThousandImage4DSeries() throws {
        var generator = SplitMix64(seed: 9)
        let slices = series4D(positions: 100, volumes: 100) { v, _ in AcquisitionKeys(temporalPositionIndex: v + 1) }
        let split = SeriesSplitter().split(slices.shuffled(using: &generator))
        XCTAssertEqual(split.stacks.count, 1)
        let stack = try XCTUnwrap(split.stacks.first)
        XCTAssertEqual(stack.volumes.count, 100)
        for volume in stack.volumes {
            XCTAssertEqual(volume.slices.count, 100)
            XCTAssertEqual(Set(volume.slices.map(\.keys.temporalPositionIndex)), [volume.index + 1])
            XCTAssertEqual(positions(volume, normal: stack.normal).count, 100)
        }
    }

    func testRealToshibaDTISplitsIntoThirteenVolumesByDiffusion() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.appendingPathComponent("../shared/realdata/mr-dti-4d-coronal").standardizedFileURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
            .filter { $0.hasSuffix(".dcm") }.sorted() ?? []
        guard !names.isEmpty else {
            let message = "\(folder.path) is missing"
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
            throw XCTSkip(message)
        }
        let slices = try names.flatMap { name in
            let url = folder.appendingPathComponent(name)
            let file = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
            return try SliceMetadata.frames(of: file.dataSet, imageID: url.path)
        }
        XCTAssertEqual(slices.count, 520)
        let split = SeriesSplitter().split(slices)
        XCTAssertTrue(split.duplicates.isEmpty)
        XCTAssertEqual(split.stacks.count, 1)
        let stack = try XCTUnwrap(split.stacks.first)
        XCTAssertEqual(stack.distinguishedBy, "DiffusionBValue+DiffusionGradientOrientation")
        XCTAssertEqual(stack.volumes.count, 13)
        XCTAssertEqual(stack.volumes.first?.label, "b=0")
        XCTAssertEqual(Set(stack.volumes.dropFirst().map(\.label)).count, 12)
        XCTAssertTrue(stack.volumes.dropFirst().allSatisfy { $0.label.hasPrefix("b=1500 gradient (") },
                      stack.volumes.map(\.label).description)
        let firstInstances = stack.volumes.map { $0.slices.compactMap(\.instanceNumber).min() ?? .max }
        XCTAssertEqual(firstInstances, firstInstances.sorted(), "directions come in acquisition order")
        assertRegularVolumes(stack, slices: 40)
    }
}
