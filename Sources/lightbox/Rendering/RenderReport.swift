import Volume

/// The `--json` report of `lightbox render`.
struct RenderReport: Encodable {
    struct Window: Encodable { var centre: Double; var width: Double; var source: String }
    struct Volume: Encodable {
        var role: String
        var series: String
        var modality: String?
        /// Which stack and volume of the series (stack 0 and volume 0 unless chosen), and how volumes differ.
        var stack: Int
        var stacks: Int
        var volume: Int
        var volumes: Int
        var volumeLabel: String
        var distinguishedBy: String?
        var dimensions: [Int]
        var spacingMM: [Double]
        var voxelType: String
        var units: String
        var loadState: String
        /// What was irregular, one entry per kind.
        var irregularities: [Irregularity]
    }
    struct Irregularity: Encodable {
        var kind: String
        var message: String
        var firstImage: String?
        var lastImage: String?

        init(_ irregularity: SeriesIrregularity) {
            kind = irregularity.kind
            message = irregularity.description
            firstImage = irregularity.images?.first
            lastImage = irregularity.images?.last
        }
    }
    struct Timings: Encodable { var firstSliceSeconds: Double?; var loadSeconds: Double; var finalRenderSeconds: Double; var totalSeconds: Double }
    var inputs: [String]
    var view: String
    var volumes: [Volume]
    var window: Window
    /// PET display units ("SUVbw" or stored units) and why SUV was not used, for PET/CT views.
    var petUnits: String?
    var petUnitsReason: String?
    var framesWritten: [String]
    /// "complete" or the first volume state that was not.
    var loadState: String
    var timings: Timings
    var renderer: String
}
