/// The images of one series split the way the scanner means them: stacks of one orientation, size and
/// pixel spacing, each holding one volume or, for a 4D series, several (time points, echoes, diffusion
/// directions...). Made by `SeriesSplitter`.
public struct SeriesSplit: Sendable {
    /// The stacks, largest first: `stacks[0]` is the one to show by default. Empty when no images were given.
    public var stacks: [ImageStack]
    /// SOP instances given more than once, ordered by UID then frame; each was used once, as its first copy.
    public var duplicates: [DuplicateInstance]
}

/// Images of one orientation, rows × columns and pixel spacing within a series (a localizer in a CT series,
/// one stack of a multi-stack MR), split into the volumes that share those positions.
public struct ImageStack: Sendable {
    /// Where the stack is in `SeriesSplit.stacks`.
    public var index: Int
    /// "axial", "coronal", "sagittal" or "oblique", from the slice normal.
    public var planeName: String
    /// The direction cosines of the stack's first image (lowest InstanceNumber, then label).
    public var rowDirection: Vector3
    public var columnDirection: Vector3
    /// The image size.
    public var columns: Int
    public var rows: Int
    /// The pixel spacing of the first image, mm (PixelSpacing[1] and PixelSpacing[0]).
    public var columnSpacing: Double
    public var rowSpacing: Double
    /// Images in the stack, all volumes together.
    public var imageCount: Int
    /// The attribute that told the volumes apart (e.g. "TemporalPositionIndex",
    /// "DiffusionBValue+DiffusionGradientOrientation", "repeated positions in InstanceNumber order"),
    /// or nil when the stack is one volume.
    public var distinguishedBy: String?
    /// The volumes, ordered by the distinguishing value (numerically where it is a number), diffusion volumes
    /// by b-value only; volumes the value does not order (gradient directions, the InstanceNumber fallback)
    /// come in acquisition order, by their first image (lowest InstanceNumber, then label).
    public var volumes: [StackVolume]

    /// The slice normal: rowDirection × columnDirection.
    public var normal: Vector3 { rowDirection.cross(columnDirection).normalized }
}

/// The images of one volume of a stack, in the order they were given (not sorted along the normal:
/// `SeriesAssembler` does that).
public struct StackVolume: Sendable {
    /// Where the volume is in `ImageStack.volumes`.
    public var index: Int
    /// A short name for the volume, e.g. "TemporalPositionIndex 3", "b=1500 gradient (0.15, -0.90, 0.42)",
    /// "echo 2", "occurrence 4"; "whole stack" when the stack is one volume.
    public var label: String
    public var slices: [SliceMetadata]
}

/// One SOP instance (and frame) given more than once, e.g. the same file under two paths.
public struct DuplicateInstance: Sendable, Equatable {
    public var sopInstanceUID: String
    public var frameIndex: Int
    /// The labels of every copy in image-id order; the first is the copy that was kept.
    public var images: [String]
}
