/// The `--json` report of `lightbox render`.
struct RenderReport: Encodable {
    struct Window: Encodable { var centre: Double; var width: Double; var source: String }
    struct Volume: Encodable {
        var role: String
        var series: String
        var modality: String?
        var dimensions: [Int]
        var spacingMM: [Double]
        var voxelType: String
        var units: String
        var loadState: String
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
