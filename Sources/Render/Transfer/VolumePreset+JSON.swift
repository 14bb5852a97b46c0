import Foundation

extension VolumePreset {
    /// A preset from one JSON object of the preset format (`Shaders/presets/volume-presets.json`): "name", "scalarOpacity"
    /// [[value, opacity]…], "color" [[value, r, g, b]…], optional "modality", "description", "gradientOpacity"
    /// [[magnitude, opacity]…] (default 1 everywhere) and "shading" {enabled, ambient, diffuse, specular, specularPower}
    /// (default unlit). Validated (`validate()`); `fallbackName` names a preset without "name" in errors.
    public init(json object: Any, fallbackName: String) throws(VolumePresetError) {
        guard let fields = object as? [String: Any] else {
            throw .missingField(preset: fallbackName, field: "(preset)", expected: "a JSON object")
        }
        guard let name = fields["name"] as? String, !name.isEmpty else {
            throw .missingField(preset: fallbackName, field: "name", expected: "a non-empty string")
        }
        func points(_ field: String, _ count: Int, required: Bool = true) throws(VolumePresetError) -> [[Double]]? {
            guard let raw = fields[field] else {
                if required { throw .missingField(preset: name, field: field, expected: "a list of points") }
                return nil
            }
            guard let list = raw as? [Any] else { throw .missingField(preset: name, field: field, expected: "a list of points") }
            var out: [[Double]] = []
            for (n, item) in list.enumerated() {
                guard let numbers = item as? [Any], numbers.count == count else { throw .badPoint(preset: name, field: field, point: n, expected: count) }
                var values: [Double] = []
                for x in numbers {
                    guard let v = (x as? NSNumber)?.doubleValue else { throw .badPoint(preset: name, field: field, point: n, expected: count) }
                    values.append(v)
                }
                out.append(values)
            }
            return out
        }
        let opacity = try points("scalarOpacity", 2) ?? []
        let colour = try points("color", 4) ?? []
        let gradient = try points("gradientOpacity", 2, required: false)
        var shading = Shading.off
        if let raw = fields["shading"] {
            guard let s = raw as? [String: Any] else { throw .missingField(preset: name, field: "shading", expected: "an object") }
            func number(_ key: String) throws(VolumePresetError) -> Double {
                guard let v = s[key] as? NSNumber else {
                    throw .missingField(preset: name, field: "shading." + key, expected: "a number")
                }
                return v.doubleValue
            }
            guard let enabled = s["enabled"] as? Bool else { throw .missingField(preset: name, field: "shading.enabled", expected: "true or false") }
            shading = Shading(enabled: enabled, ambient: try number("ambient"), diffuse: try number("diffuse"),
                              specular: try number("specular"), specularPower: try number("specularPower"))
        }
        self.init(
            name: name, modality: fields["modality"] as? String ?? "", description: fields["description"] as? String ?? "",
            scalarOpacity: opacity.map { OpacityPoint($0[0], $0[1]) }, colour: colour.map { ColourPoint($0[0], $0[1], $0[2], $0[3]) },
            gradientOpacity: gradient.map { $0.map { OpacityPoint($0[0], $0[1]) } } ?? [OpacityPoint(0, 1), OpacityPoint(1, 1)],
            shading: shading)
        try validate()
    }

    /// The presets of a JSON file: one preset object, or {"presets": [preset…]} as the bundled file.
    public static func load(contentsOf url: URL) throws(VolumePresetError) -> [VolumePreset] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        let base = url.deletingPathExtension().lastPathComponent
        if let document = object as? [String: Any], let list = document["presets"] {
            guard let items = list as? [Any], !items.isEmpty else {
                throw .missingField(preset: base, field: "presets", expected: "a non-empty list of presets")
            }
            var presets: [VolumePreset] = []
            for (n, item) in items.enumerated() { presets.append(try VolumePreset(json: item, fallbackName: "\(base)[\(n)]")) }
            return presets
        }
        return [try VolumePreset(json: object, fallbackName: base)]
    }
}
