import ArgumentParser
import Foundation
import Render
import Volume

/// The views `lightbox render` draws.
enum ViewKind: String, ExpressibleByArgument, CaseIterable, Encodable {
    case axial, sagittal, coronal, oblique, acquisition, mip, volume, fusion
    case layout1x3 = "layout-1x3"
    case layout2x2 = "layout-2x2"
    case layout3x3 = "layout-3x3"

    /// Views that need a CT and a PET (`--ct`, `--pet`).
    var needsPETCT: Bool { self == .fusion || self == .layout3x3 }
    /// Views with a volume rendering (`--preset` may name a volume-rendering preset; `--elevation`, `--crop`…).
    var rendersVolume: Bool { self == .volume || self == .layout2x2 }
}

/// The planes a fusion view can show.
enum FusionPlane: String, ExpressibleByArgument, CaseIterable {
    case axial, sagittal, coronal

    var kind: ViewKind { ViewKind(rawValue: rawValue) ?? .axial }
}

/// Colormaps by command-line name.
enum ColormapOption: String, ExpressibleByArgument, CaseIterable {
    case hotIron = "hot-iron", pet, grey
    case invertedGrey = "inverted-grey"

    var colormap: Colormap {
        switch self {
        case .hotIron: return .hotIron
        case .pet: return .pet
        case .grey: return .grey
        case .invertedGrey: return .invertedGrey
        }
    }
}

/// How slab samples are combined.
enum SlabMode: String, ExpressibleByArgument, CaseIterable {
    case mip, minip, avg

    var mode: Slab.Mode {
        switch self {
        case .mip: return .maximum
        case .minip: return .minimum
        case .avg: return .average
        }
    }
}

/// CT window presets.
enum WindowPreset: String, ExpressibleByArgument, CaseIterable {
    case lung, mediastinum, bone, brain

    var window: VOIWindow {
        switch self {
        case .lung: return .lung
        case .mediastinum: return .mediastinum
        case .bone: return .bone
        case .brain: return .brain
        }
    }
}

/// What `--preset` names: a CT window preset, or a volume-rendering preset (bundled name or .json file).
enum PresetChoice {
    case window(WindowPreset)
    case volume(VolumePreset)
}

/// Parsers for the small value syntaxes of the command line.
enum ValueSyntax {
    /// A window preset name, else (for views with a volume rendering) a volume-rendering preset.
    static func preset(_ text: String, view: ViewKind) throws -> PresetChoice {
        if let window = WindowPreset(rawValue: text) { return .window(window) }
        guard view.rendersVolume else {
            throw ValidationError("--preset \(text): window presets are \(WindowPreset.allCases.map(\.rawValue).joined(separator: ", ")); "
                + "volume-rendering presets go with --view volume or layout-2x2 (`lightbox presets` lists them)")
        }
        do { return .volume(try VolumePresets.resolve(text)) } catch { throw ValidationError(error.description) }
    }

    /// "X0,X1,Y0,Y1,Z0,Z1": patient LPS mm, or shares of the volume's extent such as 50%.
    static func crop(_ text: String) throws -> [CropBox.Bound] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let bounds: [CropBox.Bound] = parts.compactMap { part in
            if part.hasSuffix("%"), let v = Double(part.dropLast()), v.isFinite { return .fraction(v / 100) }
            let number = part.hasSuffix("mm") ? String(part.dropLast(2)) : part
            return Double(number).flatMap { $0.isFinite ? .millimetres($0) : nil }
        }
        guard parts.count == 6, bounds.count == 6 else {
            throw ValidationError("--crop must be X0,X1,Y0,Y1,Z0,Z1 in patient LPS mm or shares of the extent, e.g. 0%,50%,0%,100%,0%,100% (got '\(text)')")
        }
        return bounds
    }

    /// "WxH" with each in 16…8192.
    static func size(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ (16...8192).contains($0) }) else {
            throw ValidationError("--size must be WIDTHxHEIGHT with each in 16…8192, e.g. 512x512 (got '\(text)')")
        }
        return (parts[0], parts[1])
    }

    /// "C,W" in the image's output units (e.g. HU).
    static func window(_ text: String) throws -> VOIWindow {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts.allSatisfy(\.isFinite), parts[1] >= 1 else {
            throw ValidationError("--window must be CENTRE,WIDTH with width ≥ 1, e.g. 40,400 (got '\(text)')")
        }
        return VOIWindow(centre: parts[0], width: parts[1])
    }

    /// "LOWER,UPPER" in PET display units (SUVbw when available).
    static func petWindow(_ text: String) throws -> PETWindow {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts.allSatisfy(\.isFinite), parts[1] > parts[0] else {
            throw ValidationError("--pet-window must be LOWER,UPPER with LOWER < UPPER, e.g. 0,6 (got '\(text)')")
        }
        return PETWindow(lower: parts[0], upper: parts[1])
    }

    /// "x,y,z", a non-zero direction.
    static func direction(_ text: String, option: String) throws -> Vector3 {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, parts.allSatisfy(\.isFinite), Vector3(parts[0], parts[1], parts[2]).length > 1e-9 else {
            throw ValidationError("\(option) must be a non-zero direction x,y,z in patient LPS, e.g. 0,0,1 (got '\(text)')")
        }
        return Vector3(parts[0], parts[1], parts[2]).normalized
    }

    /// A position along a view normal: "NN%" (a share of the volume's extent), "slice:K" or millimetres.
    static func position(_ text: String) throws -> PlanePosition {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("slice:"), let k = Int(trimmed.dropFirst(6)), k >= 0 { return .slice(k) }
        if trimmed.hasSuffix("%"), let value = Double(trimmed.dropLast()), (0...100).contains(value) {
            return .fraction(value / 100)
        }
        let number = trimmed.hasSuffix("mm") ? String(trimmed.dropLast(2)) : trimmed
        if let value = Double(number), value.isFinite { return .millimetres(value) }
        throw ValidationError("--position must be millimetres along the view normal (e.g. -42.5 or -42.5mm), a share of the extent (e.g. 30%) or a stored slice (e.g. slice:12) (got '\(text)')")
    }
}
