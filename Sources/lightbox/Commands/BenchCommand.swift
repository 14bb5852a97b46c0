import ArgumentParser

/// `lightbox bench`: the benchmarks. They print figures (medians, machine, renderer); they never pass or fail.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: print figures (median of several runs) with the machine they ran on.",
        subcommands: [Read.self, Load.self, RenderFrames.self, Large.self, Thumbnails.self, Export.self, Diff.self, DICOMweb.self, Codecs.self]
    )
}
