import Foundation
import Shaders

/// The bundled volume-rendering presets (`Shaders/presets/volume-presets.json`): the 25 that 3D Slicer ships, converted
/// by `scripts/convert-volume-presets.py`, and Lightbox's PET-SUV.
public enum VolumePresets {
    /// Every bundled preset, in file order (read once; the file is part of the package, so a failure is a build error).
    public static let all: [VolumePreset] = {
        guard let url = ShaderLibrary.resourceURL(named: "volume-presets.json", in: "presets") else {
            preconditionFailure("presets/volume-presets.json is not among the Shaders resources; rebuild or reinstall")
        }
        do { return try VolumePreset.load(contentsOf: url) } catch { preconditionFailure("bundled presets: \(error)") }
    }()

    /// The bundled preset `name` (exact, else ignoring case).
    public static func named(_ name: String) throws(VolumePresetError) -> VolumePreset {
        if let found = all.first(where: { $0.name == name }) ?? all.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return found
        }
        throw .unknown(name: name, known: all.map(\.name))
    }

    /// A bundled preset by name, or the single preset of a JSON file when `nameOrFile` ends in ".json".
    public static func resolve(_ nameOrFile: String) throws(VolumePresetError) -> VolumePreset {
        guard nameOrFile.lowercased().hasSuffix(".json") else { return try named(nameOrFile) }
        let presets = try VolumePreset.load(contentsOf: URL(fileURLWithPath: nameOrFile))
        guard presets.count == 1 else {
            throw .unreadable(file: nameOrFile, reason: "it holds \(presets.count) presets; a --preset file holds one")
        }
        return presets[0]
    }

    /// The default preset for a modality: CT-Bone for CT, PET-SUV for PT, MR-Default otherwise.
    public static func defaultPreset(forModality modality: String) -> VolumePreset {
        let name = modality == "CT" ? "CT-Bone" : modality == "PT" ? "PET-SUV" : "MR-Default"
        guard let found = all.first(where: { $0.name == name }) else { preconditionFailure("bundled preset \(name) is missing") }
        return found
    }
}
