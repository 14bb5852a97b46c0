import Foundation

/// JPEG Lossless, Non-Hierarchical (Process 14; 1.2.840.10008.1.2.4.57) and its first-order-prediction subset
/// SV1 (1.2.840.10008.1.2.4.70), in Swift: Debian's libjpeg-turbo 2.1 has no lossless mode.
///
/// Supports Huffman coding (SOF3), predictors 1–7, point transform, precision 2–16 bits, 1–4 components in
/// interleaved or separate scans (all sampling factors 1), and restart intervals (DRI/RSTn) that begin rows.
/// Every byte read is bounds-checked; a scan that needs bits past its data is reported as truncated.
struct JPEGLosslessDecoder: FrameDecoder {
    var codecName: String { "JPEG Lossless (Swift)" }

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        let failure: CodecFailure
        if let header = JPEGMarkers.frameHeader(fragmentData) {
            guard header.isLossless else {
                throw .unsupportedCodecFeature(
                    name: fileName, frame: frameIndex, codec: codecName,
                    feature: String(format: "JPEG process SOF%d (marker FF%02X) in a lossless transfer syntax",
                                    Int(header.marker) - 0xC0, header.marker))
            }
            do throws(CodecFailure) {
                try LosslessStream.check(header, d)
                // Every sample's difference is coded with a Huffman code of at least one bit.
                guard fragmentData.count >= (d.samplesPerFrame + 7) / 8 else {
                    throw .corrupt("\(fragmentData.count) bytes cannot code \(d.samplesPerFrame) samples (at least a bit each); the frame is truncated")
                }
                return
            } catch {
                failure = error
            }
        } else {
            failure = .corrupt("no start-of-frame (SOF3) marker before the first scan")
        }
        throw failure.dicomError(codec: codecName, d, frame: frameIndex, name: fileName)
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: frameIndex, name: fileName,
                                    bitsAllocated: [8, 16])
        let output = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<d.decodedBytesPerFrame])
        try CodecFailure.decoding(fragmentData, codec: codecName, d, frame: frameIndex, name: fileName) { (bytes, count) throws(CodecFailure) in
            var decoder = LosslessStream(bytes: bytes, count: count, description: d, output: output)
            defer { decoder.release() }
            try decoder.run()
        }
        FrameOutput.normalize(output, d)
    }
}

/// One frame's decoding state.
private struct LosslessStream {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let d: PixelDescription
    let output: UnsafeMutableRawBufferPointer
    var huffman = HuffmanTables()
    var restartInterval = 0
    var frame: JPEGMarkers.FrameHeader?
    var decodedComponents = Set<Int>()

    init(bytes: UnsafePointer<UInt8>, count: Int, description: PixelDescription, output: UnsafeMutableRawBufferPointer) {
        self.bytes = bytes
        self.count = count
        d = description
        self.output = output
    }

    mutating func release() { huffman.release() }

    mutating func run() throws(CodecFailure) {
        guard count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw .corrupt("no JPEG start-of-image marker (FFD8)")
        }
        var position = 2
        while let (marker, body, bodyEnd) = try JPEGMarkers.segment(bytes, count: count, at: &position) {
            switch marker {
            case 0xC4:
                try huffman.define(body)
                position = bodyEnd
            case 0xC3:
                try startOfFrame(body)
                position = bodyEnd
            case 0xDD:
                guard body.count >= 2 else { throw .corrupt("DRI segment too short") }
                restartInterval = Int(body[0]) << 8 | Int(body[1])
                position = bodyEnd
            case 0xDA:
                position = try scan(body, dataStart: bodyEnd)
            case 0xDC:
                throw .unsupported("the DNL marker (image height after the first scan)")
            default:
                if JPEGMarkers.isStartOfFrame(marker) {
                    throw .unsupported(String(format: "JPEG process SOF%d (marker FF%02X) in a lossless transfer syntax",
                                              Int(marker) - 0xC0, marker))
                }
                position = bodyEnd  // APPn, COM, DQT and others carry nothing we need
            }
        }
        guard let frame else { throw .corrupt("no start-of-frame (SOF3) marker") }
        guard decodedComponents.count == frame.components.count else {
            throw .corrupt("\(frame.components.count - decodedComponents.count) component(s) have no scan")
        }
    }

    private mutating func startOfFrame(_ body: UnsafeRawBufferPointer) throws(CodecFailure) {
        guard frame == nil else { throw .corrupt("more than one start-of-frame marker") }
        guard let header = JPEGMarkers.parseFrame(marker: 0xC3, body) else { throw .corrupt("SOF3 segment too short") }
        try LosslessStream.check(header, d)
        frame = header
    }

    /// What this decoder needs of a frame header: the data set's image, precision 2–16, no subsampling.
    static func check(_ header: JPEGMarkers.FrameHeader, _ d: PixelDescription) throws(CodecFailure) {
        guard (2...16).contains(header.precision) else { throw .corrupt("precision \(header.precision) outside 2...16") }
        guard header.rows == d.rows, header.columns == d.columns, header.components.count == d.samplesPerPixel,
              header.precision <= d.bitsAllocated else {
            throw .size("\(header.rows) × \(header.columns) × \(header.components.count) samples of \(header.precision) bits")
        }
        guard header.components.allSatisfy({ $0.horizontal == 1 && $0.vertical == 1 }) else {
            throw .unsupported("subsampled components in lossless JPEG")
        }
    }

    /// Decodes one scan whose header is `body` and whose entropy-coded data starts at `dataStart`; returns the
    /// position of the marker that follows the scan.
    private mutating func scan(_ body: UnsafeRawBufferPointer, dataStart: Int) throws(CodecFailure) -> Int {
        guard let frame else { throw .corrupt("a scan starts before the start-of-frame marker") }
        guard body.count >= 1 else { throw .corrupt("SOS segment too short") }
        let scanCount = Int(body[0])
        guard scanCount >= 1, scanCount <= frame.components.count, body.count >= 1 + 2 * scanCount + 3 else {
            throw .corrupt("SOS segment declares \(scanCount) components")
        }
        var componentIndices = [Int]()
        var lookups = [UnsafeMutablePointer<UInt16>]()
        for index in 0..<scanCount {
            let id = body[1 + 2 * index]
            let tableSlot = Int(body[2 + 2 * index] >> 4)
            guard let component = frame.components.firstIndex(where: { $0.id == id }) else {
                throw .corrupt("scan names component \(id), which the frame does not have")
            }
            guard tableSlot < 4, let table = huffman.dc[tableSlot] else {
                throw .corrupt("scan uses Huffman table \(tableSlot), which is not defined")
            }
            guard !decodedComponents.contains(component), !componentIndices.contains(component) else {
                throw .corrupt("component \(id) is coded twice")
            }
            componentIndices.append(component)
            lookups.append(table.entries)
        }
        let predictor = Int(body[1 + 2 * scanCount])
        let pointTransform = Int(body[3 + 2 * scanCount] & 0x0F)
        guard (1...7).contains(predictor) else { throw .corrupt("predictor \(predictor) outside 1...7") }
        guard pointTransform < frame.precision else { throw .corrupt("point transform \(pointTransform) ≥ precision") }
        let columns = frame.columns
        if restartInterval > 0, restartInterval % columns != 0 {
            throw .unsupported("restart interval \(restartInterval) that is not a multiple of the row length \(columns)")
        }
        var reader = BitReader(bytes: bytes, end: count, position: dataStart)
        try decodeSamples(&reader, components: componentIndices, lookups: lookups, predictor: predictor,
                          pointTransform: pointTransform, precision: frame.precision)
        if reader.overran { throw .corrupt("the entropy-coded data is truncated") }
        for component in componentIndices { decodedComponents.insert(component) }
        guard let next = reader.nextMarker() else { throw .corrupt("the data ends inside the last scan (no EOI marker)") }
        return next
    }

    private func decodeSamples(_ reader: inout BitReader, components: [Int], lookups: [UnsafeMutablePointer<UInt16>],
                               predictor: Int, pointTransform: Int, precision: Int) throws(CodecFailure) {
        let width = d.columns
        let height = d.rows
        let scanCount = components.count
        let rowLength = width * scanCount
        let previous = UnsafeMutablePointer<Int32>.allocate(capacity: rowLength)
        let current = UnsafeMutablePointer<Int32>.allocate(capacity: rowLength)
        defer {
            previous.deallocate()
            current.deallocate()
        }
        var above = previous
        var row = current
        let initial = Int32(1 << (precision - pointTransform - 1))
        let spp = d.samplesPerPixel
        let wide = d.bitsAllocated == 16
        let out = output.baseAddress!
        let shift = Int32(pointTransform)
        let outputMask = Int32((1 << precision) - 1)
        var restartsSeen = 0
        let rowsPerInterval = restartInterval / width
        for y in 0..<height {
            var firstRow = y == 0
            if rowsPerInterval > 0, y > 0, y % rowsPerInterval == 0 {
                if reader.overran { throw .corrupt("the entropy-coded data is truncated before restart \(restartsSeen)") }
                guard let marker = reader.nextMarker(), marker + 1 < count,
                      bytes[marker + 1] == 0xD0 + UInt8(restartsSeen & 7) else {
                    throw .corrupt("restart marker RST\(restartsSeen & 7) missing before row \(y)")
                }
                reader.position = marker + 2
                restartsSeen += 1
                firstRow = true
            }
            for x in 0..<width {
                for c in 0..<scanCount {
                    if reader.count < 32 { reader.fill() }
                    let entry = Int(lookups[c][reader.peek16()])
                    guard entry != 0 else { throw .corrupt("invalid Huffman code in row \(y), column \(x)") }
                    reader.skip(entry >> 8)
                    let category = entry & 0xFF
                    var difference: Int32
                    switch category {
                    case 0: difference = 0
                    case 1...15:
                        let bits = reader.receive(category)
                        difference = Int32(bits < (1 << (category - 1)) ? bits - (1 << category) + 1 : bits)
                    case 16: difference = 32768
                    default: throw .corrupt("difference category \(category) in row \(y), column \(x)")
                    }
                    let here = x * scanCount + c
                    let prediction: Int32
                    if firstRow {
                        prediction = x == 0 ? initial : row[here - scanCount]
                    } else if x == 0 {
                        prediction = above[here]
                    } else {
                        let a = row[here - scanCount], b = above[here], cc = above[here - scanCount]
                        switch predictor {
                        case 1: prediction = a
                        case 2: prediction = b
                        case 3: prediction = cc
                        case 4: prediction = a + b - cc
                        case 5: prediction = a + ((b - cc) >> 1)
                        case 6: prediction = b + ((a - cc) >> 1)
                        default: prediction = (a + b) >> 1
                        }
                    }
                    let value = (prediction + difference) & 0xFFFF
                    row[here] = value
                    let sample = ((value << shift) & outputMask)
                    let index = (y * width + x) * spp + components[c]
                    if wide {
                        out.storeBytes(of: UInt16(truncatingIfNeeded: sample), toByteOffset: index * 2, as: UInt16.self)
                    } else {
                        out.storeBytes(of: UInt8(truncatingIfNeeded: sample), toByteOffset: index, as: UInt8.self)
                    }
                }
            }
            swap(&above, &row)
        }
    }
}
