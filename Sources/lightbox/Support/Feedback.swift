import Foundation
import Jobs
import Volume

/// What a command shows a person while a job runs: a progress bar on a terminal (not with --quiet or --json),
/// each irregularity of the inputs once as a warning, and failed slices as they fail.
final class Feedback: @unchecked Sendable {
    private let quiet: Bool
    private var bar: ProgressBar?
    private var cineBar: ProgressBar?

    init(global: GlobalOptions, json: Bool) {
        quiet = global.quiet || json
    }

    /// Shows one render job event.
    func render(_ event: RenderProgress) {
        switch event {
        case .opened(let volumes, let differentFrames):
            if let differentFrames { printError("lightbox: warning: " + PETCTPair.framesMessage(ct: differentFrames.ct, pet: differentFrames.pet)) }
            guard !quiet else { return }
            for (role, choice) in volumes {
                for irregularity in choice.irregularities { printError("lightbox: warning: \(role): \(irregularity)") }
            }
        case .sliceLoaded(let loaded, let total):
            if bar == nil { bar = ProgressBar(label: "streaming", unit: "slices", total: total, quiet: quiet) }
            bar?.update(loaded)
        case .sliceFailed(let imageID, let error):
            printError("lightbox: slice failed: \(imageID): \(error)")
        case .cineFrameDrawn(let drawn, let total):
            if cineBar == nil { cineBar = ProgressBar(label: "cine", unit: "frames", total: total, quiet: quiet) }
            cineBar?.update(drawn)
        }
    }
}
