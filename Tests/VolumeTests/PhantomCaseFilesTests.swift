import DICOM
import Foundation
import Phantom
import Volume
import XCTest

/// The phantom cases that are about files rather than geometry: the 4D PET and its per-frame copies, mixed image
/// types in one series, the DICOMDIR, symbolic links and duplicate files; plus UIDs and run-to-run identity.
final class PhantomCaseFilesTests: XCTestCase {
    func written(_ cases: PhantomCase...) throws -> WrittenCases {
        let written = try WrittenCases(cases)
        addTeardownBlock { written.remove() }
        return written
    }

    func testDynamicPETHoldsFourFramesOfThirtySlicesInOneSeries() throws {
        let cases = try written(.dynamicPET)
        let slices = try cases.slices(in: "dynamic-pet")
        XCTAssertEqual(slices.count, 120)
        XCTAssertEqual(Set(slices.map(\.slice.seriesInstanceUID)).count, 1)
        XCTAssertEqual(Set(slices.compactMap(\.slice.instanceNumber)), Set(1...120))
        XCTAssertEqual(Set(slices.map(\.slice.modality)), ["PT"])
        var byFrame: [Int: [(file: DICOMFile, slice: SliceMetadata)]] = [:]
        for image in slices {
            let ds = image.file.dataSet
            XCTAssertEqual(ds.int(CaseTag.numberOfTemporalPositions), 4)
            XCTAssertEqual(ds.int(CaseTag.actualFrameDuration), 120_000)
            byFrame[try XCTUnwrap(ds.int(CaseTag.temporalPositionIndex)), default: []].append(image)
        }
        XCTAssertEqual(byFrame.keys.sorted(), [1, 2, 3, 4])
        let zs = Set(byFrame[1]!.map(\.slice.plane.position.z))
        XCTAssertEqual(zs.count, 30)
        XCTAssertEqual(zs.min(), -58)
        XCTAssertEqual(zs.max(), 58)
        for (frame, images) in byFrame {
            XCTAssertEqual(images.count, 30)
            XCTAssertEqual(Set(images.map(\.slice.plane.position.z)), zs, "frame \(frame) covers the same positions")
            XCTAssertEqual(Set(images.map { $0.file.dataSet.double(CaseTag.frameReferenceTime) }), [Double(frame * 120_000 - 60_000)])
            // Instance Numbers run across frames: frame f holds 30(f−1)+1 … 30f.
            XCTAssertEqual(Set(images.compactMap(\.slice.instanceNumber)), Set((frame - 1) * 30 + 1...frame * 30))
        }
    }

    /// `dynamic-pet-frame-N` holds frame N of the 4D series as a 3D series: same pixels, rescale and planes, new UIDs,
    /// no temporal attributes; and the frames differ from each other.
    func testEachFrameFolderEqualsItsFrameOfThe4DSeries() throws {
        let cases = try written(.dynamicPET)
        let all = try cases.slices(in: "dynamic-pet")
        let uid4D = all[0].slice.seriesInstanceUID
        var frameUIDs: Set<String> = []
        var heart: [Double] = []
        for frame in 1...4 {
            let folder = "dynamic-pet-frame-\(frame)"
            let frameSlices = try cases.slices(in: folder)
            XCTAssertEqual(frameSlices.count, 30)
            let uids = Set(frameSlices.map(\.slice.seriesInstanceUID))
            XCTAssertEqual(uids.count, 1)
            XCTAssertNotEqual(uids.first, uid4D)
            frameUIDs.formUnion(uids)
            let ofFrame = all.filter { $0.file.dataSet.int(CaseTag.temporalPositionIndex) == frame }
            for (single, fromAll) in zip(frameSlices, ofFrame) {
                XCTAssertNil(single.file.dataSet.int(CaseTag.temporalPositionIndex))
                XCTAssertEqual(single.slice.plane, fromAll.slice.plane)
                XCTAssertEqual(single.slice.rescale, fromAll.slice.rescale)
                XCTAssertNotEqual(single.slice.sopInstanceUID, fromAll.slice.sopInstanceUID)
                let a = try DICOMFile.read(contentsOf: XCTUnwrap(single.file.url), mode: .full).dataSet.bytes(.pixelData)
                let b = try DICOMFile.read(contentsOf: XCTUnwrap(fromAll.file.url), mode: .full).dataSet.bytes(.pixelData)
                XCTAssertNotNil(a)
                XCTAssertEqual(a, b, "\(folder) z = \(single.slice.plane.position.z)")
            }
            // The heart (35, −40, 25) in Bq/ml: rescaled value at its pixel in the slice at z = 26.
            let slice = try XCTUnwrap(frameSlices.first { $0.slice.plane.position.z == 26 })
            let pixels = try DICOMFile.read(contentsOf: XCTUnwrap(slice.file.url), mode: .full).decodePixels().storage
            let (i, j) = (Int((35 - slice.slice.plane.position.x) / 4), Int((-40 - slice.slice.plane.position.y) / 4))
            heart.append(pixels.value(at: j * 96 + i) * slice.slice.rescale.slope)
        }
        XCTAssertEqual(frameUIDs.count, 4)
        // Organ uptake is f/4 of the standard phantom's (SUV 4 for the heart) while the body stays at SUV 1.
        let perSUV = PhantomStudy.standard.bqmlPerSUV
        for (f, value) in heart.enumerated() { XCTAssertEqual(value / perSUV, 4 * Double(f + 1) / 4, accuracy: 1e-3, "frame \(f + 1)") }
        let first = try cases.read("dynamic-pet-frame-1/PET_0015.dcm", mode: .full).dataSet.bytes(.pixelData)
        let last = try cases.read("dynamic-pet-frame-4/PET_0015.dcm", mode: .full).dataSet.bytes(.pixelData)
        XCTAssertNotEqual(first, last, "frames differ in stored pixels, not only in slope")
    }

    func testLocalizerSeriesHoldsTwoLocalizersAndADoseScreen() throws {
        let cases = try written(.localizer)
        let files = try cases.files(in: "localizer")
        XCTAssertEqual(files.count, 53)
        let dataSets = try files.map { try cases.read("localizer/\($0)").dataSet }
        XCTAssertEqual(Set(dataSets.compactMap { $0.string(.seriesInstanceUID) }).count, 1, "one series")
        let localizers = dataSets.filter { $0.strings(.imageType)?.last == "LOCALIZER" }
        XCTAssertEqual(localizers.count, 2)
        let orientations = localizers.map { $0.doubles(.imageOrientationPatient) ?? [] }
        XCTAssertEqual(Set(orientations), [[1, 0, 0, 0, 0, -1], [0, 1, 0, 0, 0, -1]], "one coronal, one sagittal")
        XCTAssertEqual(Set(localizers.map { [$0.int(.columns), $0.int(.rows)] }), [[256, 160], [176, 160]])
        XCTAssertEqual(localizers.map { $0.strings(.imageType) ?? [] }.first, ["ORIGINAL", "PRIMARY", "LOCALIZER"])
        let axial = dataSets.filter { $0.strings(.imageType)?.last == "AXIAL" }
        XCTAssertEqual(axial.count, 50)
        XCTAssertTrue(axial.allSatisfy { $0.doubles(.imageOrientationPatient) == [1, 0, 0, 0, 1, 0] && $0.int(.columns) == 192 })

        let screens = files.filter { try! cases.read("localizer/\($0)").dataSet.string(.sopClassUID) == "1.2.840.10008.5.1.4.1.1.7" }
        XCTAssertEqual(screens.count, 1)
        let screen = try cases.read("localizer/\(screens[0])")
        XCTAssertFalse(screen.dataSet.contains(.imagePositionPatient))
        XCTAssertFalse(screen.dataSet.contains(.imageOrientationPatient))
        XCTAssertEqual(screen.dataSet.string(.seriesInstanceUID), axial[0].string(.seriesInstanceUID))
        XCTAssertEqual(screen.pixelDataLocation?.length, 256 * 192, "the dose screen still has 8-bit pixels")
        XCTAssertThrowsError(try SliceMetadata.frames(of: screen.dataSet, imageID: screens[0])) { error in
            guard case VolumeError.noPlaceInSpace = error else { return XCTFail("\(error)") }
        }
    }

    func testDICOMDIRIndexesTheSeriesByOffsetsAndHasNoPixels() throws {
        let cases = try written(.dicomdir)
        XCTAssertEqual(try cases.files(in: "dicomdir").filter { $0.hasPrefix("IMAGES/IM") }.count, 50)
        let dir = try cases.read("dicomdir/DICOMDIR")
        XCTAssertEqual(dir.meta.string(.mediaStorageSOPClassUID), "1.2.840.10008.1.3.10")
        XCTAssertEqual(dir.meta.string(.transferSyntaxUID), "1.2.840.10008.1.2.1")
        XCTAssertFalse(dir.dataSet.contains(.sopClassUID), "a DICOMDIR has no SOP Common module")
        XCTAssertFalse(dir.dataSet.contains(.pixelData))
        XCTAssertNil(dir.pixelDataLocation)
        let records = try XCTUnwrap(dir.dataSet.sequence(CaseTag.directoryRecordSequence))
        XCTAssertEqual(records.map { $0.string(CaseTag.directoryRecordType) ?? "" },
                       ["PATIENT", "STUDY", "SERIES"] + Array(repeating: "IMAGE", count: 50))

        // Walk the items from the root offset: each starts with an item tag, and the records' links point at them.
        let bytes = try Data(contentsOf: cases.url("dicomdir/DICOMDIR"))
        func uint32(_ at: Int) -> Int { bytes[at..<at + 4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) } }
        var offsets: [Int] = []
        var at = try XCTUnwrap(dir.dataSet.int(CaseTag.firstRootRecordOffset))
        while at < bytes.count {
            XCTAssertEqual(Array(bytes[at..<at + 4]), [0xFE, 0xFF, 0x00, 0xE0], "item tag at \(at)")
            offsets.append(at)
            at += 8 + uint32(at + 4)
        }
        XCTAssertEqual(at, bytes.count)
        XCTAssertEqual(offsets.count, records.count)
        for level in 0..<3 { XCTAssertEqual(records[level].int(CaseTag.lowerLevelRecordOffset), offsets[level + 1]) }
        for n in 3..<records.count { XCTAssertEqual(records[n].int(CaseTag.nextRecordOffset), n + 1 < records.count ? offsets[n + 1] : 0) }

        for record in records.dropFirst(3) {
            let path = try XCTUnwrap(record.strings(CaseTag.referencedFileID)).joined(separator: "/")
            let image = try cases.read("dicomdir/\(path)")
            XCTAssertEqual(image.dataSet.string(.sopInstanceUID), record.string(CaseTag.referencedSOPInstanceUIDInFile))
        }
    }

    func testSymlinksFolderHoldsFileLinksAFolderLinkAndALoop() throws {
        let cases = try written(.symlinks)
        let manager = FileManager.default
        let links = cases.url("symlinks")
        let names = try manager.contentsOfDirectory(atPath: links.path).sorted()
        XCTAssertEqual(names.count, 27)
        var files = 0
        for name in names {
            let destination = try manager.destinationOfSymbolicLink(atPath: links.appendingPathComponent(name).path)
            switch name {
            case "loop":
                XCTAssertEqual(destination, ".")
                XCTAssertEqual(links.appendingPathComponent("loop/loop/loop").resolvingSymlinksInPath().path, links.resolvingSymlinksInPath().path)
            case "upper":
                XCTAssertEqual(destination, "../symlinks-target/upper")
                let inside = try manager.contentsOfDirectory(atPath: links.appendingPathComponent("upper").path)
                XCTAssertEqual(inside.count, 25)
                files += inside.count
            default:
                XCTAssertEqual(destination, "../symlinks-target/\(name)")
                let file = try DICOMFile.read(contentsOf: links.appendingPathComponent(name), mode: .metadataOnly)
                XCTAssertEqual(file.dataSet.string(.modality), "CT")
                files += 1
            }
        }
        XCTAssertEqual(files, 50, "the links reach every file of the target series once")
        XCTAssertEqual(try cases.files(in: "symlinks-target").count, 50)
        XCTAssertEqual(try cases.files(in: "symlinks"), [], "the link folder holds no regular file of its own")
    }

    func testDuplicatesAreByteCopiesSharingSOPInstanceUIDs() throws {
        let cases = try written(.duplicates)
        let files = try cases.files(in: "duplicates")
        XCTAssertEqual(files.count, 52)
        for (original, copy) in [("CT_0010.dcm", "CT_0010_copy.dcm"), ("CT_0031.dcm", "backup/CT_0031.dcm")] {
            XCTAssertEqual(try Data(contentsOf: cases.url("duplicates/\(copy)")), try Data(contentsOf: cases.url("duplicates/\(original)")))
            XCTAssertEqual(try cases.read("duplicates/\(copy)").dataSet.string(.sopInstanceUID),
                           try cases.read("duplicates/\(original)").dataSet.string(.sopInstanceUID))
        }
        let uids = try files.map { try XCTUnwrap(cases.read("duplicates/\($0)").dataSet.string(.sopInstanceUID)) }
        XCTAssertEqual(Set(uids).count, 50)
    }

    func testCasesAreByteIdenticalAcrossRuns() throws {
        let a = try written(.tilt, .dicomdir), b = try written(.tilt, .dicomdir)
        for folder in ["tilt", "dicomdir"] {
            let files = try a.files(in: folder)
            XCTAssertEqual(files, try b.files(in: folder))
            XCTAssertGreaterThan(files.count, 49)
            for path in files {
                XCTAssertEqual(try Data(contentsOf: a.url("\(folder)/\(path)")), try Data(contentsOf: b.url("\(folder)/\(path)")), path)
            }
        }
    }

    func testEveryCaseHasItsOwnUIDsUnderThePhantomRoot() {
        let root = "2.25.290136951283746505823178450198221460917.10."
        let series = PhantomCase.allCases.flatMap(\.series)
        XCTAssertEqual(Set(series.map(\.seriesInstanceUID)).count, series.count)
        XCTAssertEqual(Set(series.map(\.folder)).count, series.count)
        XCTAssertTrue(series.allSatisfy { $0.seriesInstanceUID.hasPrefix(root) })
        let sops = series.flatMap { $0.images.map(\.sopInstanceUID) }
        XCTAssertEqual(Set(sops).count, sops.count)
        XCTAssertTrue(sops.allSatisfy { $0.count <= 64 })
    }
}
