import DICOM
import Foundation
import Phantom
import Volume
import XCTest

/// Phantom cases written to a fresh temporary folder and read back with the DICOM reader.
struct WrittenCases {
    let root: URL

    init(_ cases: [PhantomCase]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("phantom-cases-\(UUID().uuidString)")
        try PhantomCaseWriter().write(cases, to: root)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The regular files below `folder` (not following links), as paths relative to it, sorted.
    func files(in folder: String) throws -> [String] {
        let base = url(folder)
        let walker = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]))
        var paths: [String] = []
        for case let file as URL in walker where try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            paths.append(String(file.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)))
        }
        return paths.sorted()
    }

    func read(_ path: String, mode: ReadMode = .metadataOnly) throws -> DICOMFile {
        try DICOMFile.read(contentsOf: url(path), mode: mode)
    }

    /// The single-frame images of `folder` (every regular file but a DICOMDIR) with their slice metadata,
    /// sorted by position along the first image's normal.
    func slices(in folder: String) throws -> [(file: DICOMFile, slice: SliceMetadata)] {
        let images = try files(in: folder).filter { !$0.hasSuffix("DICOMDIR") }.map { path in
            let file = try read("\(folder)/\(path)")
            return (file, try XCTUnwrap(SliceMetadata.frames(of: file.dataSet, imageID: path).first))
        }
        guard let normal = images.first?.1.plane.normal else { return [] }
        return images.sorted { $0.1.plane.position.dot(normal) < $1.1.plane.position.dot(normal) }
    }
}

/// Tags the tests check that the DICOM module does not name, spelled out here independently of the writer.
enum CaseTag {
    static let gantryDetectorTilt = Tag(0x0018, 0x1120)
    static let actualFrameDuration = Tag(0x0018, 0x1242)
    static let numberOfTemporalPositions = Tag(0x0020, 0x0105)
    static let temporalPositionIndex = Tag(0x0020, 0x9128)
    static let frameReferenceTime = Tag(0x0054, 0x1300)
    static let conversionType = Tag(0x0008, 0x0064)
    static let firstRootRecordOffset = Tag(0x0004, 0x1200)
    static let directoryRecordSequence = Tag(0x0004, 0x1220)
    static let nextRecordOffset = Tag(0x0004, 0x1400)
    static let lowerLevelRecordOffset = Tag(0x0004, 0x1420)
    static let directoryRecordType = Tag(0x0004, 0x1430)
    static let referencedFileID = Tag(0x0004, 0x1500)
    static let referencedSOPInstanceUIDInFile = Tag(0x0004, 0x1511)
}
