import Foundation
import Loading
import Volume

/// A loader that makes slices from a formula, with optional delays, failures and call counting.
final class SyntheticLoader: ImageLoader, @unchecked Sendable {
    let scheme = "synthetic"
    let columns: Int, rows: Int, count: Int
    var failing: Set<Int> = []
    var maxDelayMicroseconds = 0
    private let lock = NSLock()
    private(set) var pixelCalls: [Int] = []
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0

    init(columns: Int = 5, rows: Int = 4, count: Int = 24) {
        self.columns = columns
        self.rows = rows
        self.count = count
    }

    static func value(_ i: Int, _ j: Int, _ k: Int) -> Int16 { Int16(k * 100 + j * 10 + i - 500) }

    func slices() -> [SliceMetadata] {
        (0..<count).map { k in
            SliceMetadata(
                imageID: "synthetic:\(k)", sopInstanceUID: "1.\(k)", seriesInstanceUID: "1", frameOfReferenceUID: "9",
                modality: "CT", instanceNumber: k,
                plane: ImagePlane(position: Vector3(0, 0, Double(k)), rowDirection: Vector3(1, 0, 0), columnDirection: Vector3(0, 1, 0),
                                  rowSpacing: 1, columnSpacing: 1, rows: rows, columns: columns),
                rescale: Rescale(slope: 1, intercept: -1024))
        }
    }

    func makeVolume(id: String = "synthetic:volume") throws -> ImageVolume {
        let assembly = try SeriesAssembler().assemble(slices())
        let (geometry, sorted) = (assembly.geometry, assembly.slices)
        return try ImageVolume(id: id, geometry: geometry, slices: sorted, voxelType: .int16, modality: "CT")
    }

    func loadMetadata(imageID: String) async throws -> [SliceMetadata] {
        slices().filter { $0.imageID == imageID }
    }

    struct Payload: PixelPayload {
        let values: [Int16]
        func write(into destination: UnsafeMutableRawBufferPointer, as voxelType: VoxelType) throws {
            values.withUnsafeBytes { destination.copyMemory(from: $0) }
        }
    }

    func loadPixels(of slice: SliceMetadata) async throws -> any PixelPayload {
        let k = Int(slice.imageID.dropFirst("synthetic:".count))!
        lock.withLock {
            pixelCalls.append(k)
            inFlight += 1
            maxInFlight = max(maxInFlight, inFlight)
        }
        defer { lock.withLock { inFlight -= 1 } }
        if maxDelayMicroseconds > 0 {
            try await Task.sleep(for: .microseconds(Int.random(in: 0...maxDelayMicroseconds)))
        }
        if failing.contains(k) { throw LoadingError.sliceFailed(imageID: slice.imageID, reason: "corrupt pixel data") }
        var values: [Int16] = []
        for j in 0..<rows { for i in 0..<columns { values.append(Self.value(i, j, k)) } }
        return Payload(values: values)
    }
}
