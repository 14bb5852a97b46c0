/// What a series holds, ready to pick a volume from: its stacks and their volumes (`SeriesSplit`), the
/// images that have no place in space, and the copies of SOP instances left out.
///
/// The rule: stack 0 (the largest) and its volume 0 unless asked otherwise; images of other stacks
/// (localizers), images without position or orientation (secondary captures, dose screens) and duplicate
/// copies stay out of the volume, each kind reported once.
public struct SeriesLayout: Sendable {
    public let split: SeriesSplit
    /// Labels of images without a position or orientation, in the order given.
    public let withoutGeometry: [String]

    public init(slices: [SliceMetadata], withoutGeometry: [String], splitter: SeriesSplitter = SeriesSplitter()) {
        split = splitter.split(slices)
        self.withoutGeometry = withoutGeometry
    }

    /// Assembles the chosen volume; the irregularities list the layout's kinds first, then the assembly's.
    public func volume(_ selection: VolumeSelection = .init()) throws(VolumeError) -> SelectedVolume {
        guard !split.stacks.isEmpty else {
            if let first = withoutGeometry.first {
                throw .missingGeometry(image: first, reason: "none of the \(withoutGeometry.count) image(s) has a position and orientation")
            }
            throw .notAVolume(SeriesAssemblyError(problems: [.empty]))
        }
        guard split.stacks.indices.contains(selection.stack) else {
            throw .noSuchStack(requested: selection.stack, count: split.stacks.count)
        }
        let stack = split.stacks[selection.stack]
        guard stack.volumes.indices.contains(selection.volume) else {
            throw .noSuchVolume(requested: selection.volume, count: stack.volumes.count, stack: stack.index)
        }
        let chosen = stack.volumes[selection.volume]
        var notes: [SeriesIrregularity] = []
        if let first = split.duplicates.first, let last = split.duplicates.last {
            notes.append(.duplicateCopies(count: split.duplicates.reduce(0) { $0 + $1.images.count - 1 },
                                          first: first.images.dropFirst().first ?? first.images[0],
                                          last: last.images.last ?? last.images[0]))
        }
        if let first = withoutGeometry.first, let last = withoutGeometry.last {
            notes.append(.imagesWithoutGeometry(count: withoutGeometry.count, first: first, last: last))
        }
        let others = split.stacks.filter { $0.index != stack.index }
        let otherLabels = others.flatMap { $0.volumes.flatMap { $0.slices.map(\.label) } }
        if let first = otherLabels.first, let last = otherLabels.last {
            notes.append(.otherStacks(stacks: others.count, images: otherLabels.count, first: first, last: last))
        }
        if stack.volumes.count > 1 {
            notes.append(.multipleVolumes(count: stack.volumes.count, chosen: chosen.index, distinguishedBy: stack.distinguishedBy ?? "their positions"))
        }
        if selection.strict, !notes.isEmpty {
            throw .notAVolume(SeriesAssemblyError(problems: notes.map { .irregular($0) }))
        }
        let assembly: SeriesAssembly
        do { assembly = try SeriesAssembler(strict: selection.strict).assemble(chosen.slices) } catch { throw .notAVolume(error) }
        let choice = VolumeChoice(
            stack: stack.index, stackCount: split.stacks.count, volume: chosen.index, volumeCount: stack.volumes.count,
            label: chosen.label, distinguishedBy: stack.distinguishedBy, irregularities: notes + assembly.irregularities)
        return SelectedVolume(choice: choice, assembly: assembly)
    }
}

/// Which volume of a series to use: a stack (0 = the largest), a volume of that stack (0 = the first), and
/// whether any irregularity refuses it (`strict`).
public struct VolumeSelection: Sendable, Equatable {
    public var stack: Int
    public var volume: Int
    public var strict: Bool

    public init(stack: Int = 0, volume: Int = 0, strict: Bool = false) {
        self.stack = stack
        self.volume = volume
        self.strict = strict
    }
}

/// Where a volume came from in its series, and what was irregular: for reports and warnings.
public struct VolumeChoice: Sendable, Equatable {
    public var stack: Int
    public var stackCount: Int
    public var volume: Int
    public var volumeCount: Int
    public var label: String
    public var distinguishedBy: String?
    /// One entry per kind.
    public var irregularities: [SeriesIrregularity]

    public init(stack: Int = 0, stackCount: Int = 1, volume: Int = 0, volumeCount: Int = 1, label: String = "whole stack",
                distinguishedBy: String? = nil, irregularities: [SeriesIrregularity] = []) {
        self.stack = stack
        self.stackCount = stackCount
        self.volume = volume
        self.volumeCount = volumeCount
        self.label = label
        self.distinguishedBy = distinguishedBy
        self.irregularities = irregularities
    }
}

/// A volume picked from a series layout: where it came from, and its assembled slices and grid.
public struct SelectedVolume: Sendable {
    public var choice: VolumeChoice
    public var assembly: SeriesAssembly
}
