/// The attributes of one image (or frame) that tell the volumes of a 4D series apart: time, cardiac phase,
/// echo, diffusion weighting, acquisition. Each is nil when the image does not carry it.
///
/// `SliceMetadata.frames(of:imageID:)` reads them from the top level of the data set or, for enhanced
/// multi-frame images, from the frame's (else the shared) functional groups.
public struct AcquisitionKeys: Sendable, Equatable {
    /// TemporalPositionIndex (0020,9128), top level or FrameContentSequence.
    public var temporalPositionIndex: Int?
    /// TemporalPositionIdentifier (0020,0100).
    public var temporalPositionIdentifier: Int?
    /// FrameAcquisitionNumber (0020,9156) of the frame's FrameContentSequence, else AcquisitionNumber (0020,0012).
    public var acquisitionNumber: Int?
    /// Milliseconds after the R wave: the frame's NominalCardiacTriggerDelayTime (0020,9153)
    /// in CardiacSynchronizationSequence, else TriggerTime (0018,1060).
    public var triggerTime: Double?
    /// The first value of EchoNumbers (0018,0086).
    public var echoNumber: Int?
    /// Milliseconds: the frame's EffectiveEchoTime (0018,9082) in MREchoSequence, else EchoTime (0018,0081).
    public var echoTime: Double?
    /// DiffusionBValue (0018,9087), top level or MRDiffusionSequence; s/mm².
    public var diffusionBValue: Double?
    /// DiffusionGradientOrientation (0018,9089), top level or in MRDiffusionSequence's
    /// DiffusionGradientDirectionSequence; LPS.
    public var diffusionGradient: Vector3?
    /// StackID (0020,9056), top level or FrameContentSequence.
    public var stackID: String?
    /// InStackPositionNumber (0020,9057), top level or FrameContentSequence.
    public var inStackPositionNumber: Int?
    /// FrameReferenceTime (0054,1300) of dynamic PET, milliseconds from the series start.
    public var frameReferenceTime: Double?
    /// The frame's FrameType (0008,9007) in its MR, CT or PET frame type sequence, else ImageType (0008,0008).
    public var imageType: [String]?

    public init(
        temporalPositionIndex: Int? = nil, temporalPositionIdentifier: Int? = nil, acquisitionNumber: Int? = nil,
        triggerTime: Double? = nil, echoNumber: Int? = nil, echoTime: Double? = nil,
        diffusionBValue: Double? = nil, diffusionGradient: Vector3? = nil,
        stackID: String? = nil, inStackPositionNumber: Int? = nil, frameReferenceTime: Double? = nil,
        imageType: [String]? = nil
    ) {
        self.temporalPositionIndex = temporalPositionIndex
        self.temporalPositionIdentifier = temporalPositionIdentifier
        self.acquisitionNumber = acquisitionNumber
        self.triggerTime = triggerTime
        self.echoNumber = echoNumber
        self.echoTime = echoTime
        self.diffusionBValue = diffusionBValue
        self.diffusionGradient = diffusionGradient
        self.stackID = stackID
        self.inStackPositionNumber = inStackPositionNumber
        self.frameReferenceTime = frameReferenceTime
        self.imageType = imageType
    }
}
