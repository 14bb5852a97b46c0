import ArgumentParser

/// `lightbox bench`: the benchmarks. They print figures (medians, machine, renderer); they never pass or fail.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: print figures (median of several runs) with the machine they ran on.",
        subcommands: [Read.self, Load.self, RenderFrames.self, Large.self, Thumbnails.self, Export.self, Diff.self] + network + [Codecs.self]
    )

    #if DICOMweb
    private static let network: [any ParsableCommand.Type] = [DICOMweb.self]
    #else
    /// Built without the DICOMweb trait: no DICOMweb benchmark.
    private static let network: [any ParsableCommand.Type] = []
    #endif
}
