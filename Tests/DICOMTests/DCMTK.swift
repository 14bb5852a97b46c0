import DICOM
import Foundation
import XCTest

/// Runs DCMTK's command-line tools (Debian package `dcmtk`, in the Makefile's APT_PACKAGES) to make test
/// fixtures from real files: JPEG-LS and 12-bit JPEG encodings (dcmcjpls, dcmcjpeg) and reference decodings
/// (dcmdjpeg). Fixtures go to a temporary folder; nothing made here is committed.
enum DCMTK {
    /// The real scanner series, by path relative to the repository root.
    static let realData = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    /// A real file of that collection (`ge-ct-gantry-tilt/01.dcm`), or a skip (a failure on CI) when it is missing.
    static func realFile(_ path: String) throws -> URL {
        let url = realData.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(url.path) missing") }
            throw XCTSkip("\(url.path) is missing")
        }
        return url
    }

    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dcmtk-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs `tool arguments… input output` and returns the output file, or throws when the tool fails.
    static func convert(_ tool: String, _ arguments: [String], input: URL, name: String) throws -> URL {
        let path = "/usr/bin/\(tool)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(tool) missing (apt package dcmtk)") }
            throw XCTSkip("\(tool) is missing (apt-get install dcmtk)")
        }
        let output = folder.appendingPathComponent(name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [input.path, output.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "DCMTK", code: Int(process.terminationStatus), userInfo: [
                NSLocalizedDescriptionKey: "\(tool) \(arguments.joined(separator: " ")) \(input.lastPathComponent): "
                    + String(decoding: message, as: UTF8.self)])
        }
        return output
    }

    /// Writes `dataSet` as an Explicit VR Little Endian file for the tools to read.
    static func write(_ dataSet: DataSet, name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try DICOMWriter().encode(dataSet).write(to: url)
        return url
    }
}

extension DCMTK {
    /// A real signed 16-bit CT slice stored the way older archives store CT: unsigned 12 bits (value + 1024, clipped
    /// to 0...4095) with the rescale intercept lowered by 1024. DCMTK's near-lossless JPEG-LS and 12-bit JPEG
    /// encoders take only unsigned samples of at most 12 (JPEG) bits.
    static func twelveBitCT(_ path: String) throws -> URL {
        let file = try DICOMFile.read(contentsOf: try realFile(path))
        guard case .int16(let values) = try file.decodePixels().storage else { throw XCTSkip("\(path) is not signed 16-bit") }
        var ds = file.dataSet
        ds.setPixels(values.map { UInt16(clamping: min(4095, max(0, Int($0) + 1024))) })
        ds.set(.bitsStored, .US, 12)
        ds.set(.highBit, .US, 11)
        ds.set(.pixelRepresentation, .US, 0)
        ds.set(.rescaleIntercept, .DS, "\((ds.doubles(.rescaleIntercept)?.first ?? 0) - 1024)")
        return try write(ds, name: "ct12-" + path.replacingOccurrences(of: "/", with: "-"))
    }
}
