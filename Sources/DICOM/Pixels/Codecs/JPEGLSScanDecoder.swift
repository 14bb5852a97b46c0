/// Decodes the coded data of one JPEG-LS scan (T.87 Annex A, decoding as in Annex F) into the frame's output,
/// following CharLS 2.4 wherever the standard leaves a choice: contexts shared by the components of a scan,
/// a run index per component in line interleave, one for all three in sample interleave (where the run
/// interruption uses the first run context for each component).
struct JPEGLSScanDecoder {
    private var reader: JPEGLSBitReader
    private let coding: JPEGLSCoding
    private let width: Int, height: Int
    private let components: [Int]
    private let sampleInterleaved: Bool
    private let restartInterval: Int
    private let output: UnsafeMutableRawBufferPointer
    private let samplesPerPixel: Int
    private let wide: Bool

    /// Regular-mode contexts 0...364: A, B, C, N; run-interruption contexts 0 and 1: A, N, Nn.
    private let a: UnsafeMutablePointer<Int>, b: UnsafeMutablePointer<Int>, c: UnsafeMutablePointer<Int>,
                n: UnsafeMutablePointer<Int>
    private var runA = (0, 0), runN = (1, 1), runNn = (0, 0)
    /// RUNindex per component (line interleave) or for all (sample interleave, index 0).
    private let runIndex: UnsafeMutablePointer<Int>
    /// Quantized gradient (−4...4) by difference + MAXVAL.
    private let quantize: UnsafeMutablePointer<Int8>
    /// Two lines per component, each with one sample of margin on either side.
    private let lines: UnsafeMutablePointer<Int>
    private let stride: Int

    private static let j: [Int] = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11,
                                   12, 13, 14, 15]

    init(bytes: UnsafePointer<UInt8>, count: Int, dataStart: Int, coding: JPEGLSCoding, width: Int, height: Int,
         components: [Int], sampleInterleaved: Bool, restartInterval: Int, output: UnsafeMutableRawBufferPointer,
         samplesPerPixel: Int, wide: Bool) throws(CodecFailure) {
        reader = JPEGLSBitReader(bytes: bytes, end: count, position: dataStart)
        self.coding = coding
        self.width = width
        self.height = height
        self.components = components
        self.sampleInterleaved = sampleInterleaved
        self.restartInterval = restartInterval == 0 ? height : restartInterval
        self.output = output
        self.samplesPerPixel = samplesPerPixel
        self.wide = wide
        a = .allocate(capacity: 365)
        b = .allocate(capacity: 365)
        c = .allocate(capacity: 365)
        n = .allocate(capacity: 365)
        runIndex = .allocate(capacity: components.count)
        let maxValue = coding.maxValue
        quantize = .allocate(capacity: 2 * maxValue + 1)
        // Spans of equal gradient class (T.87 A.3.3), filled span by span: the table has up to 131,071 entries.
        let bounds = [-maxValue - 1, -coding.t3, -coding.t2, -coding.t1, -coding.near - 1, coding.near, coding.t1 - 1,
                      coding.t2 - 1, coding.t3 - 1, maxValue]
        for q in 0..<9 {
            let low = max(bounds[q] + 1, -maxValue), high = max(low - 1, min(bounds[q + 1], maxValue))
            (quantize + low + maxValue).update(repeating: Int8(q - 4), count: high - low + 1)
        }
        stride = width + 2
        lines = .allocate(capacity: 2 * components.count * stride)
        resetState()
    }

    func release() {
        a.deallocate()
        b.deallocate()
        c.deallocate()
        n.deallocate()
        quantize.deallocate()
        lines.deallocate()
        runIndex.deallocate()
    }

    /// The state at the start of a scan and after each restart marker (T.87 A.2.1).
    private mutating func resetState() {
        let initialA = max(2, (coding.range + 32) / 64)
        a.initialize(repeating: initialA, count: 365)
        b.initialize(repeating: 0, count: 365)
        c.initialize(repeating: 0, count: 365)
        n.initialize(repeating: 1, count: 365)
        runA = (initialA, initialA)
        runN = (1, 1)
        runNn = (0, 0)
        runIndex.initialize(repeating: 0, count: components.count)
        lines.initialize(repeating: 0, count: 2 * components.count * stride)
    }

    /// Decodes every line; returns the position of the marker after the scan.
    mutating func run() throws(CodecFailure) -> Int {
        let count = components.count
        var restarts = 0
        for y in 0..<height {
            if y > 0, y % restartInterval == 0 {
                if reader.overran { throw .corrupt("the coded data is truncated before restart \(restarts)") }
                guard let marker = reader.nextMarker(), reader.bytes[marker + 1] == 0xD0 + UInt8(restarts & 7) else {
                    throw .corrupt("restart marker RST\(restarts & 7) missing before line \(y)")
                }
                reader.restart(at: marker + 2)
                restarts += 1
                resetState()
            }
            // Lines alternate between the two halves of the buffer.
            let previousBase = lines + 1 + (y & 1 == 0 ? count * stride : 0)
            let currentBase = lines + 1 + (y & 1 == 0 ? 0 : count * stride)
            if sampleInterleaved {
                for k in 0..<count {
                    let previous = previousBase + k * stride, current = currentBase + k * stride
                    previous[width] = previous[width - 1]
                    current[-1] = previous[0]
                }
                try decodeTripletLine(previous: previousBase, current: currentBase)
            } else {
                for k in 0..<count {
                    let previous = previousBase + k * stride, current = currentBase + k * stride
                    previous[width] = previous[width - 1]
                    current[-1] = previous[0]
                    try decodeLine(previous: previous, current: current, runIndex: runIndex + k)
                }
            }
            for k in 0..<count { store(currentBase + k * stride, line: y, component: components[k]) }
        }
        if reader.overran { throw .corrupt("the coded data is truncated") }
        guard let next = reader.nextMarker() else { throw .corrupt("the data ends inside the scan (no marker after it)") }
        return next
    }

    private func store(_ line: UnsafeMutablePointer<Int>, line y: Int, component: Int) {
        let out = output.baseAddress!
        var index = y * width * samplesPerPixel + component
        if wide {
            for x in 0..<width {
                out.storeBytes(of: UInt16(truncatingIfNeeded: line[x]), toByteOffset: 2 * index, as: UInt16.self)
                index += samplesPerPixel
            }
        } else {
            for x in 0..<width {
                out.storeBytes(of: UInt8(truncatingIfNeeded: line[x]), toByteOffset: index, as: UInt8.self)
                index += samplesPerPixel
            }
        }
    }

    // MARK: One component

    private mutating func decodeLine(previous: UnsafeMutablePointer<Int>, current: UnsafeMutablePointer<Int>,
                                     runIndex: UnsafeMutablePointer<Int>) throws(CodecFailure) {
        var x = 0
        var rb = previous[-1], rd = previous[0]
        while x < width {
            let ra = current[x - 1], rc = rb
            rb = rd
            rd = previous[x + 1]
            let context = contextID(rd - rb, rb - rc, rc - ra)
            if context != 0 {
                current[x] = try regular(context, predicted: Self.medianEdge(ra, rb, rc))
                x += 1
            } else {
                x += try runMode(from: x, previous: previous, current: current, runIndex: runIndex)
                rb = previous[x - 1]
                rd = previous[x]
            }
        }
    }

    private mutating func runMode(from start: Int, previous: UnsafeMutablePointer<Int>, current: UnsafeMutablePointer<Int>,
                                  runIndex: UnsafeMutablePointer<Int>) throws(CodecFailure) -> Int {
        let ra = current[start - 1]
        let length = try runLength(start, runIndex)
        (current + start).update(repeating: ra, count: length)
        let end = start + length
        if end == width { return length }
        let rb = previous[end]
        if abs(ra - rb) <= coding.near {
            current[end] = reconstruct(ra, try interruptionError(1, runIndex.pointee))
        } else {
            current[end] = reconstruct(rb, try interruptionError(0, runIndex.pointee) * Self.sign(rb - ra))
        }
        runIndex.pointee = max(0, runIndex.pointee - 1)
        return length + 1
    }

    // MARK: Three components, sample interleaved

    private mutating func decodeTripletLine(previous: UnsafeMutablePointer<Int>, current: UnsafeMutablePointer<Int>) throws(CodecFailure) {
        let p0 = previous, p1 = previous + stride, p2 = previous + 2 * stride
        let c0 = current, c1 = current + stride, c2 = current + 2 * stride
        var x = 0
        while x < width {
            let q0 = contextID(p0[x + 1] - p0[x], p0[x] - p0[x - 1], p0[x - 1] - c0[x - 1])
            let q1 = contextID(p1[x + 1] - p1[x], p1[x] - p1[x - 1], p1[x - 1] - c1[x - 1])
            let q2 = contextID(p2[x + 1] - p2[x], p2[x] - p2[x - 1], p2[x - 1] - c2[x - 1])
            if q0 == 0, q1 == 0, q2 == 0 {
                let length = try runLength(x, runIndex)
                (c0 + x).update(repeating: c0[x - 1], count: length)
                (c1 + x).update(repeating: c1[x - 1], count: length)
                (c2 + x).update(repeating: c2[x - 1], count: length)
                let end = x + length
                x = end
                if end == width { break }
                for line in [(p0, c0), (p1, c1), (p2, c2)] {
                    let ra = line.1[end - 1], rb = line.0[end]
                    line.1[end] = reconstruct(rb, try interruptionError(0, runIndex[0]) * Self.sign(rb - ra))
                }
                runIndex[0] = max(0, runIndex[0] - 1)
                x += 1
            } else {
                c0[x] = try regular(q0, predicted: Self.medianEdge(c0[x - 1], p0[x], p0[x - 1]))
                c1[x] = try regular(q1, predicted: Self.medianEdge(c1[x - 1], p1[x], p1[x - 1]))
                c2[x] = try regular(q2, predicted: Self.medianEdge(c2[x - 1], p2[x], p2[x - 1]))
                x += 1
            }
        }
    }

    // MARK: The coding steps

    @inline(__always) private func contextID(_ d1: Int, _ d2: Int, _ d3: Int) -> Int {
        let m = coding.maxValue
        return (Int(quantize[d1 + m]) * 9 + Int(quantize[d2 + m])) * 9 + Int(quantize[d3 + m])
    }

    @inline(__always) private static func medianEdge(_ ra: Int, _ rb: Int, _ rc: Int) -> Int {
        if ra < rb {
            if rc < ra { return rb }
            if rc > rb { return ra }
        } else {
            if rc < rb { return ra }
            if rc > ra { return rb }
        }
        return ra + rb - rc
    }

    @inline(__always) private static func sign(_ value: Int) -> Int { value < 0 ? -1 : 1 }

    /// Clamps a prediction to 0...MAXVAL as CharLS does (by masking with MAXVAL, which equals clamping when
    /// MAXVAL + 1 is a power of two, the only case DICOM encoders write).
    @inline(__always) private func correct(_ value: Int) -> Int {
        let m = coding.maxValue
        return value & m == value ? value : ~(value >> 63) & m
    }

    /// Reconstructs a sample from its prediction and (quantized) error, modulo the range (T.87 A.4.4).
    @inline(__always) private func reconstruct(_ predicted: Int, _ error: Int) -> Int {
        let step = 2 * coding.near + 1
        var value = predicted + error * step
        if value < -coding.near {
            value += coding.range * step
        } else if value > coding.maxValue + coding.near {
            value -= coding.range * step
        }
        return correct(value)
    }

    /// A Golomb-coded mapped error with parameter `k` and code length limit `limit` (T.87 A.5.3).
    @inline(__always) private mutating func golomb(_ k: Int, limit: Int) throws(CodecFailure) -> Int {
        let escape = limit - coding.qbpp - 1
        let high = try reader.readZeros(maximum: escape)
        if high == escape { return try reader.read(coding.qbpp) + 1 }
        return k == 0 ? high : high << k + (try reader.read(k))
    }

    @inline(__always) private mutating func regular(_ signedContext: Int, predicted: Int) throws(CodecFailure) -> Int {
        let negative = signedContext < 0
        let q = negative ? -signedContext : signedContext
        var k = 0
        while n[q] << k < a[q], k < 16 { k += 1 }
        let prediction = correct(predicted + (negative ? -c[q] : c[q]))
        let mapped = try golomb(k, limit: coding.limit)
        var error = mapped & 1 == 0 ? mapped >> 1 : -((mapped + 1) >> 1)
        if k == 0, coding.near == 0, 2 * b[q] + n[q] - 1 < 0 { error = ~error }
        try update(q, error)
        return reconstruct(prediction, negative ? -error : error)
    }

    /// Updates a regular context after a sample (T.87 A.6).
    @inline(__always) private func update(_ q: Int, _ error: Int) throws(CodecFailure) {
        a[q] += abs(error)
        b[q] += error * (2 * coding.near + 1)
        guard a[q] < 1 << 24, abs(b[q]) < 1 << 24 else { throw .corrupt("context statistics overflow; the data is damaged") }
        if n[q] == coding.reset {
            a[q] >>= 1
            b[q] >>= 1
            n[q] >>= 1
        }
        n[q] += 1
        if b[q] + n[q] <= 0 {
            b[q] += n[q]
            if b[q] <= -n[q] { b[q] = -n[q] + 1 }
            if c[q] > -128 { c[q] -= 1 }
        } else if b[q] > 0 {
            b[q] -= n[q]
            if b[q] > 0 { b[q] = 0 }
            if c[q] < 127 { c[q] += 1 }
        }
    }

    /// The length of a run starting at `start` (T.87 A.7.1.2); each 1 bit extends it, bounded by the line.
    private mutating func runLength(_ start: Int, _ index: UnsafeMutablePointer<Int>) throws(CodecFailure) -> Int {
        let available = width - start
        var length = 0
        while try reader.readBit() {
            let span = 1 << Self.j[index.pointee]
            let taken = min(span, available - length)
            length += taken
            if taken == span { index.pointee = min(31, index.pointee + 1) }
            if length == available { return length }
        }
        let bits = Self.j[index.pointee]
        if bits > 0 { length += try reader.read(bits) }
        guard length <= available else { throw .corrupt("a run of \(length) samples is longer than its line") }
        return length
    }

    /// The error of a run-interruption sample of type `type` (T.87 A.7.2).
    private mutating func interruptionError(_ type: Int, _ runIndex: Int) throws(CodecFailure) -> Int {
        var contextA = type == 0 ? runA.0 : runA.1
        var contextN = type == 0 ? runN.0 : runN.1
        var contextNn = type == 0 ? runNn.0 : runNn.1
        let target = contextA + (contextN >> 1) * type
        var k = 0
        while contextN << k < target { k += 1 }
        let mapped = try golomb(k, limit: coding.limit - Self.j[runIndex] - 1)
        let value = mapped + type
        let odd = value & 1 == 1
        let magnitude = (value + (odd ? 1 : 0)) / 2
        let error = (k != 0 || 2 * contextNn >= contextN) == odd ? -magnitude : magnitude
        if error < 0 { contextNn += 1 }
        contextA += (mapped + 1 - type) >> 1
        if contextN == coding.reset {
            contextA >>= 1
            contextN >>= 1
            contextNn >>= 1
        }
        contextN += 1
        if type == 0 { runA.0 = contextA; runN.0 = contextN; runNn.0 = contextNn } else {
            runA.1 = contextA; runN.1 = contextN; runNn.1 = contextNn
        }
        return error
    }
}
