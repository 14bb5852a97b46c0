import Foundation

/// JPEG Baseline and Extended sequential DCT with Huffman coding (Processes 1, 2 and 4: SOF0/SOF1, 8- and 12-bit
/// samples), in Swift. Used for 12-bit frames (1.2.840.10008.1.2.4.51), which Debian's 8-bit libjpeg-turbo cannot
/// decode; 8-bit frames stay with libjpeg-turbo (`LibJPEGDecoder`), which hands 12-bit ones over.
///
/// Huffman decoding is shared with the lossless decoder; the inverse DCT is IJG's accurate integer one (`JPEGIDCT`),
/// so samples match DCMTK's ijg12 decoding. Components come out as coded (no colour conversion); subsampled
/// components, progressive and arithmetic coding are refused as unsupported. A scan that reads past its data stops
/// at the end of that MCU row with a typed error.
struct JPEGDCTDecoder: FrameDecoder {
    var codecName: String { "JPEG 12-bit (Swift)" }

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        do throws(CodecFailure) {
            guard let header = JPEGMarkers.frameHeader(fragmentData) else {
                throw .corrupt("no start-of-frame marker before the first scan")
            }
            try DCTStream.check(header, d)
            // Every block codes a DC difference and an end of block (or 63 coefficients): two bits at least.
            let blocks = ((d.rows + 7) / 8) * ((d.columns + 7) / 8) * d.samplesPerPixel
            guard fragmentData.count * 4 >= blocks else {
                throw .corrupt("\(fragmentData.count) bytes cannot code \(blocks) blocks (two bits each); the frame is truncated")
            }
        } catch {
            throw error.dicomError(codec: codecName, d, frame: frameIndex, name: fileName)
        }
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: frameIndex, name: fileName, bitsAllocated: [8, 16])
        try checkHeader(fragmentData, description: d, frameIndex: frameIndex, fileName: fileName)
        let output = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<d.decodedBytesPerFrame])
        try CodecFailure.decoding(fragmentData, codec: codecName, d, frame: frameIndex, name: fileName) { (bytes, count) throws(CodecFailure) in
            var stream = DCTStream(bytes: bytes, count: count, description: d, output: output)
            defer { stream.release() }
            try stream.run()
        }
        FrameOutput.normalize(output, d)
    }
}

/// One frame's decoding state: tables, the frame header, and a sample plane per component.
private struct DCTStream {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let d: PixelDescription
    let output: UnsafeMutableRawBufferPointer
    var huffman = HuffmanTables()
    /// Quantization tables in natural order, four slots of 64.
    let quantization = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * 64)
    var quantizationDefined = [false, false, false, false]
    var restartInterval = 0
    var frame: JPEGMarkers.FrameHeader?
    var quantizationSlots = [Int]()
    var planes = [UnsafeMutablePointer<UInt16>]()
    var planeWidth = 0, planeHeight = 0
    var decodedComponents = Set<Int>()

    /// Zig-zag position → natural (row-major) position (T.81 Figure A.6).
    static let natural: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
        55, 62, 63,
    ]

    init(bytes: UnsafePointer<UInt8>, count: Int, description: PixelDescription, output: UnsafeMutableRawBufferPointer) {
        self.bytes = bytes
        self.count = count
        d = description
        self.output = output
    }

    mutating func release() {
        huffman.release()
        quantization.deallocate()
        for plane in planes { plane.deallocate() }
        planes = []
    }

    /// What this decoder needs of a frame header: SOF0/SOF1, precision 8 or 12, the data set's image, no subsampling.
    static func check(_ header: JPEGMarkers.FrameHeader, _ d: PixelDescription) throws(CodecFailure) {
        guard header.marker == 0xC0 || header.marker == 0xC1 else {
            throw .unsupported(String(format: "JPEG process SOF%d (marker FF%02X); only sequential Huffman DCT (SOF0, SOF1)",
                                      Int(header.marker) - 0xC0, header.marker))
        }
        guard header.precision == 8 || header.precision == 12 else {
            throw .corrupt("precision \(header.precision) in a DCT frame (8 or 12)")
        }
        guard header.rows == d.rows, header.columns == d.columns, header.components.count == d.samplesPerPixel,
              header.precision <= d.bitsAllocated else {
            throw .size("\(header.rows) × \(header.columns) × \(header.components.count) samples of \(header.precision) bits")
        }
        let first = header.components[0]
        guard (1...4).contains(first.horizontal), (1...4).contains(first.vertical),
              header.components.allSatisfy({ $0.horizontal == first.horizontal && $0.vertical == first.vertical }) else {
            throw .unsupported("subsampled components in 12-bit JPEG")
        }
    }

    mutating func run() throws(CodecFailure) {
        guard count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw .corrupt("no JPEG start-of-image marker (FFD8)") }
        var position = 2
        while let (marker, body, bodyEnd) = try JPEGMarkers.segment(bytes, count: count, at: &position) {
            switch marker {
            case 0xC4: try huffman.define(body)
            case 0xDB: try defineQuantization(body)
            case 0xDD:
                guard body.count >= 2 else { throw .corrupt("DRI segment too short") }
                restartInterval = Int(body[0]) << 8 | Int(body[1])
            case 0xDA:
                position = try scan(body, dataStart: bodyEnd)
                continue
            case 0xDC: throw .unsupported("the DNL marker (image height after the first scan)")
            default:
                if JPEGMarkers.isStartOfFrame(marker) { try startOfFrame(marker, body) }
            }
            position = bodyEnd
        }
        guard let frame else { throw .corrupt("no start-of-frame marker") }
        guard decodedComponents.count == frame.components.count else {
            throw .corrupt("\(frame.components.count - decodedComponents.count) component(s) have no scan")
        }
        writeOutput(frame)
    }

    private mutating func defineQuantization(_ body: UnsafeRawBufferPointer) throws(CodecFailure) {
        var offset = 0
        while offset < body.count {
            let wide = body[offset] >> 4, slot = Int(body[offset] & 0x0F)
            guard wide <= 1, slot < 4 else { throw .corrupt("DQT table precision \(wide) id \(slot)") }
            let size = wide == 1 ? 128 : 64
            guard offset + 1 + size <= body.count else { throw .corrupt("DQT segment cut off") }
            for k in 0..<64 {
                let value = wide == 1 ? Int(body[offset + 1 + 2 * k]) << 8 | Int(body[offset + 2 + 2 * k]) : Int(body[offset + 1 + k])
                quantization[slot * 64 + Self.natural[k]] = Int32(value)
            }
            quantizationDefined[slot] = true
            offset += 1 + size
        }
    }

    private mutating func startOfFrame(_ marker: UInt8, _ body: UnsafeRawBufferPointer) throws(CodecFailure) {
        guard frame == nil else { throw .corrupt("more than one start-of-frame marker") }
        guard let header = JPEGMarkers.parseFrame(marker: marker, body) else { throw .corrupt("SOF segment too short") }
        try Self.check(header, d)
        quantizationSlots = try (0..<header.components.count).map { (index) throws(CodecFailure) -> Int in
            let slot = Int(body[6 + 3 * index + 2])
            guard slot < 4 else { throw .corrupt("component \(index) uses quantization table \(slot)") }
            return slot
        }
        // Planes padded to whole MCUs (sampling factors are equal, so every component has the same plane).
        let h = header.components[0].horizontal, v = header.components[0].vertical
        planeWidth = (header.columns + 8 * h - 1) / (8 * h) * 8 * h
        planeHeight = (header.rows + 8 * v - 1) / (8 * v) * 8 * v
        for _ in header.components { planes.append(.allocate(capacity: planeWidth * planeHeight)) }
        frame = header
    }

    /// Decodes one scan; returns the position of the marker after its entropy-coded data.
    private mutating func scan(_ body: UnsafeRawBufferPointer, dataStart: Int) throws(CodecFailure) -> Int {
        guard let frame else { throw .corrupt("a scan starts before the start-of-frame marker") }
        let scanCount = body.count >= 1 ? Int(body[0]) : 0
        guard scanCount >= 1, scanCount <= frame.components.count, body.count >= 1 + 2 * scanCount + 3 else {
            throw .corrupt("SOS segment declares \(scanCount) components")
        }
        var members = [(component: Int, dc: UnsafeMutablePointer<UInt16>, ac: UnsafeMutablePointer<UInt16>)]()
        for index in 0..<scanCount {
            let id = body[1 + 2 * index], tables = body[2 + 2 * index]
            guard let component = frame.components.firstIndex(where: { $0.id == id }) else {
                throw .corrupt("scan names component \(id), which the frame does not have")
            }
            guard !decodedComponents.contains(component), !members.contains(where: { $0.component == component }) else {
                throw .corrupt("component \(id) is coded twice")
            }
            guard let dc = huffman.dc[Int(tables >> 4) & 3], let ac = huffman.ac[Int(tables & 0x0F) & 3],
                  tables >> 4 < 4, tables & 0x0F < 4 else {
                throw .corrupt("scan uses Huffman tables \(tables >> 4)/\(tables & 0x0F), which are not defined")
            }
            guard quantizationDefined[quantizationSlots[component]] else {
                throw .corrupt("component \(id) uses quantization table \(quantizationSlots[component]), which is not defined")
            }
            members.append((component, dc.entries, ac.entries))
        }
        let spectralStart = body[1 + 2 * scanCount], spectralEnd = body[2 + 2 * scanCount]
        guard spectralStart == 0, spectralEnd == 63, body[3 + 2 * scanCount] == 0 else {
            throw .unsupported("spectral selection or successive approximation in a sequential frame")
        }
        // Interleaved scans code MCUs of h × v blocks per component; a single-component scan codes blocks.
        let h = scanCount > 1 ? frame.components[0].horizontal : 1, v = scanCount > 1 ? frame.components[0].vertical : 1
        let mcuColumns = scanCount > 1 ? planeWidth / (8 * h) : (frame.columns + 7) / 8
        let mcuRows = scanCount > 1 ? planeHeight / (8 * v) : (frame.rows + 7) / 8
        var reader = BitReader(bytes: bytes, end: count, position: dataStart)
        var predictions = [Int](repeating: 0, count: scanCount)
        let coefficients = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        let workspace = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        defer {
            coefficients.deallocate()
            workspace.deallocate()
        }
        var mcu = 0, restarts = 0
        for mcuRow in 0..<mcuRows {
            for mcuColumn in 0..<mcuColumns {
                if restartInterval > 0, mcu > 0, mcu % restartInterval == 0 {
                    guard let marker = reader.nextMarker(), marker + 1 < count, bytes[marker + 1] == 0xD0 + UInt8(restarts & 7) else {
                        throw .corrupt("restart marker RST\(restarts & 7) missing before MCU \(mcu)")
                    }
                    reader.position = marker + 2
                    restarts += 1
                    for index in predictions.indices { predictions[index] = 0 }
                }
                mcu += 1
                for (index, member) in members.enumerated() {
                    let quant = quantization + 64 * quantizationSlots[member.component]
                    for by in 0..<v {
                        for bx in 0..<h {
                            try decodeBlock(&reader, dc: member.dc, ac: member.ac, prediction: &predictions[index],
                                            into: coefficients)
                            let x = (mcuColumn * h + bx) * 8, y = (mcuRow * v + by) * 8
                            JPEGIDCT.block(coefficients, quant, precision: frame.precision, workspace: workspace,
                                           into: planes[member.component] + y * planeWidth + x, stride: planeWidth)
                        }
                    }
                }
            }
            if reader.overran { throw .corrupt("the entropy-coded data is truncated in MCU row \(mcuRow)") }
        }
        for member in members { decodedComponents.insert(member.component) }
        guard let next = reader.nextMarker() else { throw .corrupt("the data ends inside the last scan (no EOI marker)") }
        return next
    }

    /// One block's coefficients (T.81 F.2.2), in natural order.
    private func decodeBlock(_ reader: inout BitReader, dc: UnsafeMutablePointer<UInt16>, ac: UnsafeMutablePointer<UInt16>,
                             prediction: inout Int, into block: UnsafeMutablePointer<Int32>) throws(CodecFailure) {
        block.initialize(repeating: 0, count: 64)
        @inline(__always) func symbol(_ table: UnsafeMutablePointer<UInt16>) throws(CodecFailure) -> Int {
            if reader.count < 32 { reader.fill() }
            let entry = Int(table[reader.peek16()])
            guard entry != 0 else { throw .corrupt("invalid Huffman code") }
            reader.skip(entry >> 8)
            return entry & 0xFF
        }
        @inline(__always) func value(_ size: Int) -> Int {
            let bits = reader.receive(size)
            return bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits
        }
        let category = try symbol(dc)
        guard category <= 15 else { throw .corrupt("DC difference category \(category)") }
        if category > 0 { prediction += value(category) }
        block[0] = Int32(truncatingIfNeeded: prediction)
        var k = 1
        while k < 64 {
            let rs = try symbol(ac)
            let run = rs >> 4, size = rs & 15
            if size == 0 {
                if run != 15 { break }
                k += 16
                continue
            }
            k += run
            guard k < 64 else { throw .corrupt("AC coefficients past the end of a block") }
            block[Self.natural[k]] = Int32(value(size))
            k += 1
        }
    }

    /// Copies the planes (cropped to the image) into the output, samples interleaved per pixel.
    private func writeOutput(_ frame: JPEGMarkers.FrameHeader) {
        let out = output.baseAddress!
        let spp = frame.components.count, wide = d.bitsAllocated == 16
        for (component, plane) in planes.enumerated() {
            for y in 0..<frame.rows {
                let line = plane + y * planeWidth
                var index = y * frame.columns * spp + component
                for x in 0..<frame.columns {
                    if wide {
                        out.storeBytes(of: line[x], toByteOffset: 2 * index, as: UInt16.self)
                    } else {
                        out.storeBytes(of: UInt8(truncatingIfNeeded: line[x]), toByteOffset: index, as: UInt8.self)
                    }
                    index += spp
                }
            }
        }
    }
}
