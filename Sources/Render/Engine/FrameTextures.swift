import Volume

/// The volume textures of one frame, each brought to its volume's snapshot once before anything is
/// drawn, so every viewport of the frame samples the same slices. GL thread only.
struct FrameTextures {
    private var textures: [ObjectIdentifier: VolumeTexture] = [:]
    /// What each volume shows in the frame, in the order the volumes were added.
    private(set) var drawn: [LoadSnapshot] = []

    /// Adds `texture`, synced, showing `snapshot`.
    mutating func add(_ texture: VolumeTexture, of volume: ImageVolume, showing snapshot: LoadSnapshot) {
        textures[ObjectIdentifier(volume)] = texture
        drawn.append(snapshot)
    }

    /// The texture of `volume`; every volume a frame draws is added before the frame is drawn.
    subscript(volume: ImageVolume) -> VolumeTexture {
        guard let texture = textures[ObjectIdentifier(volume)] else {
            preconditionFailure("volume \(volume.id) is drawn but was not prepared for the frame")
        }
        return texture
    }

    /// The volume the texture of `volume` holds and the passes sample: `volume`, or its reduced copy.
    func sampled(_ volume: ImageVolume) -> ImageVolume { self[volume].sampledVolume ?? volume }

    /// The snapshot `volume` shows in the frame.
    func snapshot(of volume: ImageVolume) -> LoadSnapshot {
        guard let found = drawn.first(where: { $0.isSnapshot(of: volume) }) else {
            preconditionFailure("volume \(volume.id) is drawn but was not prepared for the frame")
        }
        return found
    }
}
