import Foundation

/// JPEG-LS lossless and near-lossless (ITU T.87 | ISO/IEC 14495-1; 1.2.840.10008.1.2.4.80 and .81), in Swift.
///
/// LOCO-I regular and run modes, NEAR 0–255, precision 2–16 bits, 1–4 components with interleave none or line
/// (sample interleave for 3 components), custom MAXVAL/T1/T2/T3/RESET from an LSE segment and restart markers.
/// Bit-exact with CharLS 2.4 (the test suite compares every stream against it). Work is bounded by the input:
/// every loop consumes coded bits or ends, Golomb codes are at most LIMIT bits, and a scan that reads past its
/// data stops with a typed error. Refused as unsupported: mapping tables, point transform, HP colour transforms
/// (DICOM does not allow them), the JPEG-LS extensions (SOF57).
struct JPEGLSDecoder: FrameDecoder {
    var codecName: String { "JPEG-LS (Swift)" }

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        try run(fragmentData, d, frameIndex, fileName, into: nil)
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: frameIndex, name: fileName,
                                    bitsAllocated: [8, 16])
        let output = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<d.decodedBytesPerFrame])
        try run(fragmentData, d, frameIndex, fileName, into: output)
        FrameOutput.normalize(output, d)
    }

    /// Decodes into `output`, or reads the header segments only (up to the first scan) when it is nil.
    private func run(_ fragmentData: Data, _ d: PixelDescription, _ frameIndex: Int, _ fileName: String,
                     into output: UnsafeMutableRawBufferPointer?) throws(DICOMError) {
        try CodecFailure.decoding(fragmentData, codec: codecName, d, frame: frameIndex, name: fileName) { (bytes, count) throws(CodecFailure) in
            var stream = JPEGLSStream(bytes: bytes, count: count, description: d, output: output)
            try stream.run()
        }
    }
}

/// The marker segments of one JPEG-LS frame (T.87 Annex C): SOF55, LSE, DRI, SOS, EOI.
private struct JPEGLSStream {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let d: PixelDescription
    /// Nil when only the header is checked.
    let output: UnsafeMutableRawBufferPointer?
    var frame: JPEGMarkers.FrameHeader?
    var preset = JPEGLSPreset()
    var restartInterval = 0
    var decodedComponents = Set<Int>()

    init(bytes: UnsafePointer<UInt8>, count: Int, description: PixelDescription, output: UnsafeMutableRawBufferPointer?) {
        self.bytes = bytes
        self.count = count
        d = description
        self.output = output
    }

    mutating func run() throws(CodecFailure) {
        guard count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw .corrupt("no JPEG start-of-image marker (FFD8)") }
        var position = 2
        while let (marker, body, bodyEnd) = try JPEGMarkers.segment(bytes, count: count, at: &position) {
            switch marker {
            case 0xF7: try startOfFrame(body)
            case 0xF8: try preset.read(body)
            case 0xDD:
                guard body.count >= 2 else { throw .corrupt("DRI segment too short") }
                restartInterval = body.count >= 4 ? Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3])
                                                  : Int(body[0]) << 8 | Int(body[1])
            case 0xE8 where body.count >= 5 && Array(body[0..<4]) == Array("mrfx".utf8):
                if body[4] != 0 { throw .unsupported("HP colour transform \(body[4]) (not allowed in DICOM)") }
            case 0xDA:
                guard let frame else { throw .corrupt("a scan starts before the start-of-frame (SOF55) marker") }
                // Every line codes at least one bit (a run or a regular sample), so the bytes bound the rows.
                guard count * 8 >= frame.rows else {
                    throw .corrupt("\(count) bytes cannot code \(frame.rows) lines (at least a bit each); the frame is truncated")
                }
                guard let output else { return }
                position = try scan(body, frame, dataStart: bodyEnd, output: output)
                continue
            case 0xC0...0xCF where JPEGMarkers.isStartOfFrame(marker), 0xF9:
                throw .unsupported(String(format: "marker FF%02X (not JPEG-LS SOF55) in a JPEG-LS transfer syntax", marker))
            default: break  // APPn, COM and others carry nothing needed here
            }
            position = bodyEnd
        }
        guard let frame else { throw .corrupt("no start-of-frame (SOF55) marker") }
        guard decodedComponents.count == frame.components.count else {
            throw .corrupt("\(frame.components.count - decodedComponents.count) component(s) have no scan")
        }
    }

    private mutating func startOfFrame(_ body: UnsafeRawBufferPointer) throws(CodecFailure) {
        guard frame == nil else { throw .corrupt("more than one start-of-frame marker") }
        guard let header = JPEGMarkers.parseFrame(marker: 0xF7, body) else { throw .corrupt("SOF55 segment too short") }
        guard (2...16).contains(header.precision) else { throw .corrupt("precision \(header.precision) outside 2...16") }
        guard header.rows == d.rows, header.columns == d.columns, header.components.count == d.samplesPerPixel,
              header.precision <= d.bitsAllocated else {
            throw .size("\(header.rows) × \(header.columns) × \(header.components.count) samples of \(header.precision) bits")
        }
        guard header.components.allSatisfy({ $0.horizontal == 1 && $0.vertical == 1 }) else {
            throw .unsupported("subsampled components in JPEG-LS")
        }
        frame = header
    }

    /// Decodes one scan whose SOS body is `body`; returns the position of the marker after its coded data.
    private mutating func scan(_ body: UnsafeRawBufferPointer, _ frame: JPEGMarkers.FrameHeader, dataStart: Int,
                               output: UnsafeMutableRawBufferPointer) throws(CodecFailure) -> Int {
        let scanCount = body.count >= 1 ? Int(body[0]) : 0
        guard scanCount >= 1, scanCount <= frame.components.count, body.count >= 1 + 2 * scanCount + 3 else {
            throw .corrupt("SOS segment declares \(scanCount) components")
        }
        var components = [Int]()
        for index in 0..<scanCount {
            let id = body[1 + 2 * index]
            guard let component = frame.components.firstIndex(where: { $0.id == id }) else {
                throw .corrupt("scan names component \(id), which the frame does not have")
            }
            guard !decodedComponents.contains(component), !components.contains(component) else {
                throw .corrupt("component \(id) is coded twice")
            }
            guard body[2 + 2 * index] == 0 else { throw .unsupported("JPEG-LS mapping tables") }
            components.append(component)
        }
        let near = Int(body[1 + 2 * scanCount])
        let interleave = Int(body[2 + 2 * scanCount])
        guard body[3 + 2 * scanCount] & 0x0F == 0 else { throw .unsupported("point transform in JPEG-LS") }
        switch (interleave, scanCount) {
        case (0, 1), (1, _), (2, 3): break
        case (0, _): throw .corrupt("interleave mode none with \(scanCount) components in one scan")
        case (2, _): throw .unsupported("sample interleave with \(scanCount) components")
        default: throw .corrupt("interleave mode \(interleave)")
        }
        let coding = try JPEGLSCoding(precision: frame.precision, near: near, preset: preset)
        var decoder = try JPEGLSScanDecoder(
            bytes: bytes, count: count, dataStart: dataStart, coding: coding, width: frame.columns,
            height: frame.rows, components: components, sampleInterleaved: interleave == 2,
            restartInterval: restartInterval, output: output, samplesPerPixel: d.samplesPerPixel,
            wide: d.bitsAllocated == 16)
        defer { decoder.release() }
        let next = try decoder.run()
        for component in components { decodedComponents.insert(component) }
        return next
    }
}

/// Preset coding parameters from an LSE segment of type 1 (T.87 C.2.4.1.1); zero means "the default".
struct JPEGLSPreset {
    var maxValue = 0, t1 = 0, t2 = 0, t3 = 0, reset = 0

    mutating func read(_ body: UnsafeRawBufferPointer) throws(CodecFailure) {
        guard body.count >= 1 else { throw .corrupt("LSE segment too short") }
        guard body[0] == 1 else { throw .unsupported("LSE segment of type \(body[0]) (mapping table or oversize image)") }
        guard body.count >= 11 else { throw .corrupt("LSE preset parameters segment too short") }
        func field(_ i: Int) -> Int { Int(body[1 + 2 * i]) << 8 | Int(body[2 + 2 * i]) }
        self = JPEGLSPreset(maxValue: field(0), t1: field(1), t2: field(2), t3: field(3), reset: field(4))
    }
}

/// The derived parameters of one scan (T.87 A.2 and C.2.4.1.1), computed as CharLS computes them.
struct JPEGLSCoding {
    let maxValue, near, t1, t2, t3, reset, range, qbpp, limit: Int

    init(precision: Int, near: Int, preset: JPEGLSPreset) throws(CodecFailure) {
        let maxValue = preset.maxValue == 0 ? (1 << precision) - 1 : preset.maxValue
        guard maxValue >= 1, maxValue < 1 << precision else {
            throw .corrupt("MAXVAL \(maxValue) does not fit \(precision)-bit samples")
        }
        guard near <= min(255, maxValue / 2) else { throw .corrupt("NEAR \(near) above \(min(255, maxValue / 2)) for MAXVAL \(maxValue)") }
        func clamp(_ i: Int, _ j: Int) -> Int { i > maxValue || i < j ? j : i }
        var d1, d2, d3: Int
        if maxValue >= 128 {
            let factor = (min(maxValue, 4095) + 128) / 256
            d1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1)
            d2 = clamp(factor * (7 - 3) + 3 + 5 * near, d1)
            d3 = clamp(factor * (21 - 4) + 4 + 7 * near, d2)
        } else {
            let factor = 256 / (maxValue + 1)
            d1 = clamp(max(2, 3 / factor + 3 * near), near + 1)
            d2 = clamp(max(3, 7 / factor + 5 * near), d1)
            d3 = clamp(max(4, 21 / factor + 7 * near), d2)
        }
        let t1 = preset.t1 == 0 ? d1 : preset.t1
        let t2 = preset.t2 == 0 ? d2 : preset.t2
        let t3 = preset.t3 == 0 ? d3 : preset.t3
        guard near + 1 <= t1, t1 <= t2, t2 <= t3, t3 <= max(maxValue, near + 1) else {
            throw .corrupt("thresholds T1 \(t1), T2 \(t2), T3 \(t3) out of order for MAXVAL \(maxValue), NEAR \(near)")
        }
        let reset = preset.reset == 0 ? 64 : preset.reset
        guard (3...max(255, maxValue)).contains(reset) else { throw .corrupt("RESET \(reset) outside 3...\(max(255, maxValue))") }
        // ceil(log2(n)): CharLS's log_2, used for bpp (of MAXVAL, not MAXVAL + 1) and qbpp.
        func log2Ceil(_ n: Int) -> Int { var x = 0; while n > 1 << x { x += 1 }; return x }
        let range = (maxValue + 2 * near) / (2 * near + 1) + 1
        let bpp = log2Ceil(maxValue)
        self.maxValue = maxValue
        self.near = near
        self.t1 = t1
        self.t2 = t2
        self.t3 = t3
        self.reset = reset
        self.range = range
        qbpp = log2Ceil(range)
        limit = 2 * (bpp + max(8, bpp))
    }
}
