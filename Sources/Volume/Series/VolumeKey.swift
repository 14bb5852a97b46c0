import Foundation

/// One attribute, or a combination of attributes, that may tell the volumes of a stack apart, with the
/// value it gives an image and a short label for a volume holding that value.
struct VolumeKey: Sendable {
    /// One attribute: its name for `ImageStack.distinguishedBy`, its value for an image, a label for a value,
    /// and the components of a value that order volumes (all of them unless the rest have no order).
    struct Part: Sendable {
        let name: String
        let value: @Sendable (AcquisitionKeys) -> [Component]
        let label: @Sendable ([Component]) -> String
        var ordering: @Sendable ([Component]) -> [Component] = { $0 }
    }

    /// One element of a value; values order missing first, then numbers (numerically), then text.
    enum Component: Hashable, Comparable {
        case missing
        case number(Double)
        case text(String)
    }

    let parts: [Part]

    /// "DiffusionBValue+DiffusionGradientOrientation", or the part names joined by "+" for a combination.
    var name: String { parts.map(\.name).joined(separator: "+") }

    /// The value of an image under this key: one array of components per part.
    func value(_ keys: AcquisitionKeys) -> [[Component]] { parts.map { $0.value(keys) } }

    /// The label of a volume whose images have `value`.
    func label(_ value: [[Component]]) -> String {
        zip(parts, value).map { $0.label($1) }.joined(separator: ", ")
    }

    /// Whether a volume of value `a` comes before one of value `b`: by the first part whose ordering
    /// components differ, component by component; false when none differ.
    func precedes(_ a: [[Component]], _ b: [[Component]]) -> Bool {
        for (part, (x, y)) in zip(parts, zip(a, b)) {
            let x = part.ordering(x), y = part.ordering(y)
            if x != y { return x.lexicographicallyPrecedes(y) }
        }
        return false
    }

    /// The attributes tried in order, one at a time, before their combination.
    static let candidates: [Part] = [
        number("TemporalPositionIndex", \.temporalPositionIndex) { "TemporalPositionIndex \($0)" },
        number("TemporalPositionIdentifier", \.temporalPositionIdentifier) { "TemporalPositionIdentifier \($0)" },
        number("FrameReferenceTime", \.frameReferenceTime) { "frame time \($0) ms" },
        number("TriggerTime", \.triggerTime) { "trigger \($0) ms" },
        number("EchoNumbers", \.echoNumber) { "echo \($0)" },
        number("EchoTime", \.echoTime) { "TE \($0) ms" },
        diffusion,
        number("AcquisitionNumber", \.acquisitionNumber) { "acquisition \($0)" },
        Part(name: "ImageType", value: { [$0.imageType.map { .text($0.joined(separator: "\\")) } ?? .missing] },
             label: { if case .text(let text) = $0.first { "ImageType \(text)" } else { "no ImageType" } }),
    ]

    /// b-value and gradient direction; a missing b-value counts as 0, and a b = 0 image has no direction.
    /// Volumes order by b-value only: directions have no order (the acquisition order is the gradient table's).
    private static let diffusion = Part(
        name: "DiffusionBValue+DiffusionGradientOrientation",
        value: { keys in
            let b = keys.diffusionBValue ?? 0
            guard b != 0, let g = keys.diffusionGradient else { return [.number(b)] }
            return [.number(b), .number(g.x), .number(g.y), .number(g.z)]
        },
        label: { components in
            let numbers = components.compactMap { if case .number(let v) = $0 { v } else { nil } }
            let b = "b=\(format(numbers.first ?? 0))"
            guard numbers.count == 4 else { return b }
            return b + String(format: " gradient (%.2f, %.2f, %.2f)", numbers[1], numbers[2], numbers[3])
        },
        ordering: { Array($0.prefix(1)) })

    /// A whole-number attribute; `label` receives the formatted number.
    private static func number(_ name: String, _ read: @escaping @Sendable (AcquisitionKeys) -> Int?,
                               label: @escaping @Sendable (String) -> String) -> Part {
        number(name, { read($0).map(Double.init) }, label: label)
    }

    /// A single-number attribute; `label` receives the formatted number.
    private static func number(_ name: String, _ read: @escaping @Sendable (AcquisitionKeys) -> Double?,
                               label: @escaping @Sendable (String) -> String) -> Part {
        Part(name: name, value: { [read($0).map(Component.number) ?? .missing] },
             label: { if case .number(let v) = $0.first { label(format(v)) } else { "no \(name)" } })
    }

    /// A whole number without decimals, else up to six significant digits.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }
}
