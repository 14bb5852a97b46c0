extension ImageVolume {
    /// The smallest and largest rescaled values of the loaded slices, or nil when none is loaded.
    public func valueRange() -> (min: Double, max: Double)? {
        let states = sliceStates
        var low = Double.infinity, high = -Double.infinity
        for k in 0..<sliceCount where states[k] == .loaded {
            let bytes = UnsafeRawBufferPointer(sliceBytes(k))
            switch voxelType {
            case .int16:
                for v in bytes.bindMemory(to: Int16.self) { low = Swift.min(low, Double(v)); high = Swift.max(high, Double(v)) }
            case .uint16:
                for v in bytes.bindMemory(to: UInt16.self) { low = Swift.min(low, Double(v)); high = Swift.max(high, Double(v)) }
            case .float32:
                for v in bytes.bindMemory(to: Float.self) where v.isFinite { low = Swift.min(low, Double(v)); high = Swift.max(high, Double(v)) }
            }
        }
        guard low <= high else { return nil }
        let a = rescale.apply(low), b = rescale.apply(high)
        return (Swift.min(a, b), Swift.max(a, b))
    }
}
