extension ImageVolume {
    /// Slice `k` as a 2D image copied out of the volume (no fetch), or nil when `k` is out of range.
    public func image(at k: Int) -> SliceImage? {
        guard k >= 0, k < sliceCount else { return nil }
        return SliceImage(metadata: slices[k], voxelType: voxelType, rescale: rescale, bytes: Array(UnsafeRawBufferPointer(sliceBytes(k))))
    }

    /// The slice whose image id (and frame) is `imageID`, as a 2D image.
    public func image(id imageID: String, frame: Int = 0) -> SliceImage? {
        slices.firstIndex { $0.imageID == imageID && $0.frameIndex == frame }.flatMap(image(at:))
    }

    /// Builds a volume from 2D images that share frame of reference, orientation, size, pixel spacing,
    /// voxel type and rescale, at their positions (a grid, or an irregular stack as `SeriesAssembler` makes it);
    /// otherwise says which property breaks it.
    public convenience init(id: String, images: [SliceImage], byteLimit: Int = Int.max) throws(VolumeError) {
        let assembled: SeriesAssembly
        do {
            assembled = try SeriesAssembler().assemble(images.map(\.metadata))
        } catch {
            throw .notAVolume(error)
        }
        guard let first = images.first else { throw .notAVolume(SeriesAssemblyError(problems: [.empty])) }
        for image in images where image.voxelType != first.voxelType || image.rescale != first.rescale {
            throw .incompatibleImages(image: image.metadata.label,
                                      detail: "voxel type \(image.voxelType) with rescale \(image.rescale.slope)/\(image.rescale.intercept) differs from \(first.voxelType) with \(first.rescale.slope)/\(first.rescale.intercept)")
        }
        let byID = Dictionary(images.map { ("\($0.imageID)#\($0.metadata.frameIndex)", $0) }, uniquingKeysWith: { a, _ in a })
        var slices = assembled.slices
        if first.voxelType != .float32 {
            for index in slices.indices { slices[index].rescale = first.rescale }
        }
        try self.init(id: id, geometry: assembled.geometry, slices: slices, voxelType: first.voxelType,
                      modality: first.metadata.modality, byteLimit: byteLimit)
        for (k, slice) in assembled.slices.enumerated() {
            guard let image = byID["\(slice.imageID)#\(slice.frameIndex)"] else { continue }
            guard image.bytes.count == sliceBytes(k).count else {
                throw .sliceSizeMismatch(image: slice.label, expected: sliceBytes(k).count, actual: image.bytes.count)
            }
            insert(slice: k) { destination in image.bytes.withUnsafeBytes { destination.copyMemory(from: $0) } }
        }
    }
}
