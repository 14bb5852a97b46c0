/// Why a volume-rendering preset (a name, the bundled file or a user's JSON file) cannot be used.
public enum VolumePresetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bundled preset has this name. Fix: pick one of `known` (`lightbox presets` lists them) or give a .json file.
    case unknown(name: String, known: [String])
    /// The file could not be read or is not JSON.
    case unreadable(file: String, reason: String)
    /// A required field is absent or has the wrong JSON type.
    case missingField(preset: String, field: String, expected: String)
    /// A function has no points.
    case noPoints(preset: String, field: String)
    /// Point `point` (0-based) has the wrong number of numbers: `expected` each.
    case badPoint(preset: String, field: String, point: Int, expected: Int)
    /// A value is not finite, or a coefficient is negative.
    case badNumber(preset: String, field: String, point: Int?, reason: String)
    /// Point `point`'s value is below the one before it: points must be sorted by value.
    case unsorted(preset: String, field: String, point: Int, value: Double, previous: Double)
    /// An opacity or colour channel outside 0…1.
    case outOfRange(preset: String, field: String, point: Int, value: Double)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            return "no volume preset named '\(name)'; known: \(known.joined(separator: ", ")) (or give a preset .json file)"
        case .unreadable(let file, let reason):
            return "volume preset file \(file) cannot be read: \(reason)"
        case .missingField(let preset, let field, let expected):
            return "volume preset '\(preset)': field '\(field)' is missing or not \(expected)"
        case .noPoints(let preset, let field):
            return "volume preset '\(preset)': '\(field)' needs at least one point"
        case .badPoint(let preset, let field, let point, let expected):
            return "volume preset '\(preset)': '\(field)' point \(point) must be a list of \(expected) numbers"
        case .badNumber(let preset, let field, let point, let reason):
            return "volume preset '\(preset)': '\(field)'\(point.map { " point \($0)" } ?? ""): \(reason)"
        case .unsorted(let preset, let field, let point, let value, let previous):
            return "volume preset '\(preset)': '\(field)' point \(point) has value \(value) below the previous \(previous); sort the points by value"
        case .outOfRange(let preset, let field, let point, let value):
            return "volume preset '\(preset)': '\(field)' point \(point) has \(value), outside 0…1"
        }
    }
}
