import Foundation
import Render
import XCTest

/// The bundled presets (Slicer's 25 and PET-SUV), their baking into tables, and the typed errors of a user's file.
final class VolumePresetTests: XCTestCase {
    static let slicerNames = [
        "CT-AAA", "CT-AAA2", "CT-Bone", "CT-Bones", "CT-Cardiac", "CT-Cardiac2", "CT-Cardiac3", "CT-Chest-Contrast-Enhanced",
        "CT-Chest-Vessels", "CT-Coronary-Arteries", "CT-Coronary-Arteries-2", "CT-Coronary-Arteries-3", "CT-Cropped-Volume-Bone",
        "CT-Fat", "CT-Liver-Vasculature", "CT-Lung", "CT-MIP", "CT-Muscle", "CT-Pulmonary-Arteries", "CT-Soft-Tissue",
        "MR-Angio", "MR-Default", "MR-MIP", "MR-T2-Brain", "DTI-FA-Brain",
    ]

    func testBundledPresetsAreSlicersAndPET() throws {
        XCTAssertEqual(VolumePresets.all.map(\.name), Self.slicerNames + ["PET-SUV"])
        for preset in VolumePresets.all {
            XCTAssertFalse(preset.description.isEmpty, preset.name)
            XCTAssertTrue(["CT", "MR", "PT"].contains(preset.modality), preset.name)
        }
        // Values carried from Slicer's presets.xml (CT-Bone: scalarOpacity "8 -3024 0 -16.4458 0 641.385 0.715686 3071 0.705882").
        let bone = try VolumePresets.named("ct-bone")
        XCTAssertEqual(bone.scalarOpacity, [.init(-3024, 0), .init(-16.4458, 0), .init(641.385, 0.715686), .init(3071, 0.705882)])
        XCTAssertEqual(bone.colour[1], .init(-16.4458, 0.729412, 0.254902, 0.301961))
        XCTAssertEqual(bone.shading, .init(enabled: true, ambient: 0.1, diffuse: 0.9, specular: 0.2, specularPower: 10))
        XCTAssertEqual(try VolumePresets.named("CT-Soft-Tissue").shading.enabled, false)
    }

    func testTableFollowsThePiecewiseLinearFunctions() throws {
        let preset = VolumePreset(
            name: "ramp", scalarOpacity: [.init(0, 0), .init(100, 0), .init(200, 0.5)], colour: [.init(0, 1, 0, 0), .init(200, 0, 0, 1)])
        let table = TransferTable(preset)
        XCTAssertEqual(table.low, 0)
        XCTAssertEqual(table.high, 200)
        let last = TransferTable.count - 1
        XCTAssertEqual(table.rgba[4 * last + 3], 0.5)
        XCTAssertEqual(table.rgba[4 * last + 2], 1)
        let middle = (last + 1) / 2   // value 100.02: just above the ramp's start
        XCTAssertEqual(Double(table.rgba[4 * middle + 3]), 0.5 * (Double(middle) / Double(last) * 200 - 100) / 100, accuracy: 1e-6)
        XCTAssertEqual(table.occupied[middle - 1], 0, "entries at or below value 100 are transparent")
        XCTAssertEqual(table.occupied[last], Float(last - middle + 1))
    }

    /// The surface table of a sharp step (transparent below −1, opaque from 0) on a plateau that reaches the table's
    /// top through a ramp: a plateau entry's rising run starts at the step (within one entry, the table's resolution)
    /// and its falling run never ends; on the ramp an entry's rising run starts at the entry itself (less the rounding); a transparent
    /// entry's runs are the entry.
    func testSurfaceTableMarksWhereEachOpacityIsReached() throws {
        let preset = VolumePreset(
            name: "step", scalarOpacity: [.init(-2000, 0), .init(-1, 0), .init(0, 0.5), .init(1000, 0.5), .init(2000, 1)],
            colour: [.init(-2000, 1, 1, 1), .init(2000, 1, 1, 1)])
        let table = TransferTable(preset)
        let last = TransferTable.count - 1
        func value(_ entry: Float) -> Double { table.low + Double(entry) / Double(last) * (table.high - table.low) }
        let plateau = last * 5 / 8   // value 500: opacity 0.5
        XCTAssertEqual(value(table.surfaces[2 * plateau]), 0, accuracy: (table.high - table.low) / Double(last), "rising run of 500")
        XCTAssertEqual(table.surfaces[2 * plateau + 1], .greatestFiniteMagnitude, "falling run of 500: opaque to the top and beyond")
        let ramp = last * 7 / 8   // value 1500 on the ramp 1000 → 2000
        // Within the opacity rounding (1/1024) of the entry: two entries down this ramp of 0.5 over 1024 entries.
        let rounding = Float(TransferTable.opacityRounding) / (0.5 / Float(last / 4))
        XCTAssertEqual(table.surfaces[2 * ramp], Float(ramp) - rounding, accuracy: 0.1, "a ramp entry's rising run starts at itself")
        XCTAssertEqual(table.surfaces[2 * 10], 10, "a transparent entry")
        XCTAssertEqual(table.surfaces[2 * 10 + 1], 10, "a transparent entry")
    }

    func testUserPresetFileAndItsErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("presets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ text: String) throws -> String {
            let url = folder.appendingPathComponent("p\(text.hashValue).json")
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let good = try file(#"{"name": "mine", "scalarOpacity": [[0, 0], [300, 0.8]], "color": [[0, 1, 1, 1], [300, 1, 0.5, 0]], "shading": {"enabled": true, "ambient": 0.2, "diffuse": 0.8, "specular": 0.1, "specularPower": 20}}"#)
        let mine = try VolumePresets.resolve(good)
        XCTAssertEqual(mine.name, "mine")
        XCTAssertEqual(mine.shading.specularPower, 20)
        XCTAssertTrue(mine.gradientOpacityIsOne)

        func error(_ text: String) throws -> VolumePresetError? {
            let path = try file(text)
            do { _ = try VolumePresets.resolve(path); return nil } catch { return error }
        }
        XCTAssertEqual(try error(#"{"name": "u", "scalarOpacity": [[0, 0], [300, 0.8], [200, 1]], "color": [[0, 1, 1, 1]]}"#),
                       .unsorted(preset: "u", field: "scalarOpacity", point: 2, value: 200, previous: 300))
        XCTAssertEqual(try error(#"{"name": "o", "scalarOpacity": [[0, 0], [300, 1.5]], "color": [[0, 1, 1, 1]]}"#),
                       .outOfRange(preset: "o", field: "scalarOpacity", point: 1, value: 1.5))
        XCTAssertEqual(try error(#"{"name": "m", "scalarOpacity": [[0, 0]]}"#),
                       .missingField(preset: "m", field: "color", expected: "a list of points"))
        XCTAssertEqual(try error(#"{"name": "b", "scalarOpacity": [[0, 0, 1]], "color": [[0, 1, 1, 1]]}"#),
                       .badPoint(preset: "b", field: "scalarOpacity", point: 0, expected: 2))
        XCTAssertEqual(try error(#"{"name": "s", "scalarOpacity": [[0, 0]], "color": [[0, 1, 1, 1]], "shading": {"enabled": true}}"#),
                       .missingField(preset: "s", field: "shading.ambient", expected: "a number"))
        guard case .unreadable? = try error("{ not json") else { return XCTFail("broken JSON must be unreadable") }
        XCTAssertThrowsError(try VolumePresets.named("CT-Nothing")) { e in
            XCTAssertTrue("\(e)".contains("CT-Bone"), "the error lists the known presets")
        }
    }
}
