import Foundation

/// Formatting of Decimal String (DS) values within the standard's 16-character limit.
enum DecimalString {
    /// The shortest faithful text for the value when it fits 16 characters, else the most precise %g
    /// form that fits; nil for NaN and infinities, which DS cannot hold.
    static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let shortest = value.description
        if shortest.count <= 16 { return shortest }
        for precision in stride(from: 15, through: 1, by: -1) {
            let text = String(format: "%.\(precision)G", value)
            if text.count <= 16 { return text }
        }
        return nil
    }
}
