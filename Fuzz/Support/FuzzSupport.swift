import DICOM
import Foundation

/// Shared by every fuzz target (compiled into each by scripts/fuzz.sh).
enum FuzzSupport {
    /// The input as Data (copied: the parser may keep it, libFuzzer reuses its buffer).
    static func data(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> Data { Data(bytes: bytes, count: size) }

    /// Reads every value of every element the way callers do (text, numbers, nested items), so value
    /// decoding is fuzzed along with parsing. Returns a checksum so the optimiser keeps the work.
    @discardableResult
    static func touch(_ dataSet: DataSet, depth: Int = 0) -> Int {
        var sum = 0
        for element in dataSet.elements {
            let tag = element.tag
            switch element.value {
            case .sequence(let items):
                for item in items { sum &+= touch(item, depth: depth + 1) }
            case .encapsulated(let pixels):
                sum &+= pixels.fragments.count &+ pixels.basicOffsetTable.count
            case .notLoaded(let offset, let length):
                sum &+= offset &+ length
            case .bytes:
                if element.vr.isText {
                    sum &+= dataSet.string(tag)?.utf8.count ?? 0
                    sum &+= dataSet.strings(tag)?.count ?? 0
                }
                sum &+= dataSet.ints(tag)?.count ?? 0
                sum &+= dataSet.doubles(tag)?.count ?? 0
            }
        }
        return sum
    }

    /// Reader limits for decoding targets: the default decoded-bytes limit (4 GiB) is above libFuzzer's malloc
    /// limit (`-rss_limit_mb`, 2 GiB), and a small encapsulated frame may legitimately declare an image up to the
    /// limit (a JPEG 2000 codestream of a blank image is a few hundred bytes), so decoding is fuzzed under 512 MiB.
    static let decodeLimits = DICOMReadLimits(maxDecodedBytes: 512 << 20)

    /// True unless LIGHTBOX_FUZZ_NO_PREFLIGHT is set (to fuzz decoding exactly as an unguarded caller would).
    static let preflight = getenv("LIGHTBOX_FUZZ_NO_PREFLIGHT") == nil

    /// Decodes at most `maxFrames` frames of `file` three ways (all frames, one frame, into a caller buffer),
    /// after the budget check unless `preflight` is off. Errors are the expected outcome for most inputs.
    static func decode(_ file: DICOMFile, maxFrames: Int = 4) {
        if preflight {
            guard (try? file.checkPixelBudget()) != nil else { return }
        }
        _ = try? file.decodePixels()
        guard let d = try? file.pixelDescription() else { return }
        let frames = min(d.numberOfFrames, maxFrames)
        for index in [0, frames - 1, d.numberOfFrames] {
            _ = try? file.decodeFrame(index)
        }
        guard d.decodedBytesPerFrame <= 64 << 20 else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: d.decodedBytesPerFrame, alignment: 16)
        defer { buffer.deallocate() }
        try? file.decodeFrame(frames - 1, into: buffer)
        _ = file.rescale(forFrame: frames - 1)
    }
}
