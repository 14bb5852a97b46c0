import ArgumentParser
import Render

/// `lightbox presets`: the bundled volume-rendering presets.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the volume-rendering presets (--view volume --preset NAME).",
        discussion: """
            Name, modality and a one-line description of each preset: the 25 of 3D Slicer, and PET-SUV. A preset of \
            your own is a .json file with the fields of one entry of --json (name, scalarOpacity [[value, opacity]…], \
            color [[value, r, g, b]…], optional gradientOpacity [[magnitude, opacity]…] and shading), given as \
            --preset my-preset.json.
            """
    )

    @Flag(help: "Print every preset's points and shading as JSON.")
    var json = false

    struct Entry: Encodable {
        var name: String
        var modality: String
        var description: String
        var scalarOpacity: [[Double]]
        var color: [[Double]]
        var gradientOpacity: [[Double]]
        var shading: Shading
    }

    struct Shading: Encodable {
        var enabled: Bool
        var ambient, diffuse, specular, specularPower: Double
    }

    func run() throws {
        let presets = VolumePresets.all
        if json {
            try printJSON(presets.map { p in
                Entry(name: p.name, modality: p.modality, description: p.description,
                      scalarOpacity: p.scalarOpacity.map { [$0.value, $0.opacity] }, color: p.colour.map { [$0.value, $0.rgb.x, $0.rgb.y, $0.rgb.z] },
                      gradientOpacity: p.gradientOpacity.map { [$0.value, $0.opacity] },
                      shading: Shading(enabled: p.shading.enabled, ambient: p.shading.ambient, diffuse: p.shading.diffuse,
                                       specular: p.shading.specular, specularPower: p.shading.specularPower))
            })
            return
        }
        let width = presets.map(\.name.count).max() ?? 0
        for p in presets { print(p.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + p.modality.padding(toLength: 4, withPad: " ", startingAt: 0) + p.description) }
    }
}
