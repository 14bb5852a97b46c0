import Foundation

/// Runs Debian's dcm2niix (the independent geometry reference) on a folder and describes what it wrote.
enum Dcm2niix {
    /// The executable on PATH, or nil when dcm2niix is not installed.
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("dcm2niix") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// One conversion: the exit status, everything it printed and the NIfTI files it wrote.
    struct Conversion {
        var status: Int32
        var log: String
        var outputs: [URL]

        /// The uncorrected outputs: no `_Tilt` (tilt-corrected) or `_Eq` (resampled to equal steps) variant and no
        /// `_ROI` overlay file.
        var plainOutputs: [URL] {
            outputs.filter { url in !["_Tilt", "_Eq", "_ROI"].contains { url.lastPathComponent.contains($0) } }
        }

        /// The output resampled onto equidistant slices between the first and the last slice (`…_Eq_1.nii`, not tilt-corrected).
        var equalisedOutputs: [URL] {
            outputs.filter { $0.lastPathComponent.contains("_Eq") && !$0.lastPathComponent.contains("_Tilt") }
        }

        /// dcm2niix found uneven slice steps ("Interslice distance varies in this volume").
        var warnsUnevenSteps: Bool { log.contains("Interslice distance varies") }

        /// dcm2niix guessed the slice step ("Unable to determine slice thickness"; e.g. it ignores GridFrameOffsetVector).
        var guessedSliceStep: Bool { log.contains("Unable to determine slice thickness") }

        /// The tilt it measured from the slice positions, from "Gantry Tilt based on 0018,1120 A, estimated from
        /// slice vector B" (B), when it printed that line.
        var tiltEstimateDegrees: Double? {
            guard let range = log.range(of: "estimated from slice vector ") else { return nil }
            let rest = log[range.upperBound...].prefix { "+-.0123456789eE".contains($0) }
            return Double(rest)
        }

        /// The lines that explain a refusal (errors and warnings).
        var complaints: String {
            let lines = log.split(separator: "\n").filter { $0.contains("rror") || $0.contains("arning") || $0.contains("No valid") }
            return lines.isEmpty ? "no message" : lines.joined(separator: " | ")
        }
    }

    /// `dcm2niix -z n -f %s_%e -o <output> <input>`.
    static func convert(_ input: URL, into output: URL, executable: URL) throws -> Conversion {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-z", "n", "-f", "%s_%e", "-o", output.path, input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let outputs = (try? FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)) ?? []
        return Conversion(status: process.terminationStatus, log: log,
                          outputs: outputs.filter { $0.pathExtension == "nii" }.sorted { $0.lastPathComponent < $1.lastPathComponent })
    }
}
