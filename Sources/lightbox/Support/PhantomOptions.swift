import ArgumentParser
import Phantom

/// A `--case` value: one phantom case by name, or `all`.
enum PhantomCaseChoice: ExpressibleByArgument {
    case all
    case one(PhantomCase)

    init?(argument: String) {
        if argument == "all" { self = .all }
        else if let phantomCase = PhantomCase(rawValue: argument) { self = .one(phantomCase) }
        else { return nil }
    }

    static var allValueStrings: [String] { ["all"] + PhantomCase.allCases.map(\.rawValue) }

    /// The cases this value names.
    var cases: [PhantomCase] {
        switch self {
        case .all: PhantomCase.allCases
        case .one(let phantomCase): [phantomCase]
        }
    }
}

/// Parses `--ct-size` / `--ct-spacing` into a phantom grid.
enum PhantomGridOptions {
    static func grid(size: String?, spacing: String?, base: PhantomGrid) throws -> PhantomGrid {
        var grid = base
        if let size {
            let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 3, parts.allSatisfy({ $0 > 0 && $0 <= 4096 }) else {
                throw ValidationError("--ct-size must be COLUMNSxROWSxSLICES with each in 1…4096, e.g. 512x512x300 (got '\(size)')")
            }
            grid.columns = parts[0]
            grid.rows = parts[1]
            grid.slices = parts[2]
        }
        if let spacing {
            let parts = spacing.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw ValidationError("--ct-spacing must be PIXEL,STEP in mm, e.g. 0.8,2 (got '\(spacing)')")
            }
            grid.pixelSpacing = parts[0]
            grid.sliceStep = parts[1]
        }
        grid.firstSliceZ = -Double(grid.slices - 1) / 2 * grid.sliceStep
        return grid
    }
}
