/// What series assembly needs to know about one 2D image (or one frame of a multi-frame image).
public struct SliceMetadata: Sendable {
    /// The loader's id for the image this slice comes from (a path or a scheme-prefixed id).
    public var imageID: String
    /// The frame within that image (0 for single-frame images).
    public var frameIndex: Int
    /// How many frames that image holds (1 for single-frame images; every slice of a NIfTI file is a frame).
    public var framesInImage: Int
    public var sopInstanceUID: String
    public var seriesInstanceUID: String
    public var frameOfReferenceUID: String?
    public var modality: String?
    public var instanceNumber: Int?
    public var plane: ImagePlane
    public var rescale: Rescale
    /// BitsAllocated, PixelRepresentation == 1 and SamplesPerPixel of the stored pixels.
    public var bitsAllocated: Int
    public var isSigned: Bool
    public var samplesPerPixel: Int
    /// SpacingBetweenSlices, else SliceThickness: the step used only when a volume has a single slice.
    public var nominalStep: Double?
    /// The attributes that tell the volumes of a 4D series apart (all nil when unknown).
    public var keys: AcquisitionKeys
    /// The image's own first WindowCenter/WindowWidth (the frame's, for enhanced multi-frame), when present.
    public var fileWindow: FileWindow?
    /// The stored values the header declares possible: Smallest/Largest Image Pixel Value, else the range
    /// BitsStored and PixelRepresentation allow; nil for float pixels; for a NIfTI file, which declares none, the range
    /// of its data, read when it is opened. Known before any pixel is inserted.
    public var declaredStoredRange: ClosedRange<Double>?

    public init(
        imageID: String, frameIndex: Int = 0, framesInImage: Int = 1, sopInstanceUID: String, seriesInstanceUID: String,
        frameOfReferenceUID: String?, modality: String?, instanceNumber: Int?,
        plane: ImagePlane, rescale: Rescale, bitsAllocated: Int = 16, isSigned: Bool = true, samplesPerPixel: Int = 1,
        nominalStep: Double? = nil, keys: AcquisitionKeys = AcquisitionKeys(), fileWindow: FileWindow? = nil,
        declaredStoredRange: ClosedRange<Double>? = nil
    ) {
        self.declaredStoredRange = declaredStoredRange
        self.fileWindow = fileWindow
        self.nominalStep = nominalStep
        self.keys = keys
        self.bitsAllocated = bitsAllocated
        self.isSigned = isSigned
        self.samplesPerPixel = samplesPerPixel
        self.imageID = imageID
        self.frameIndex = frameIndex
        self.framesInImage = framesInImage
        self.sopInstanceUID = sopInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.frameOfReferenceUID = frameOfReferenceUID
        self.modality = modality
        self.instanceNumber = instanceNumber
        self.plane = plane
        self.rescale = rescale
    }

    /// A short name for messages: the last path component of the image id, plus the frame (from 1) when multi-frame.
    public var label: String {
        let name = Self.label(of: imageID)
        return framesInImage > 1 || frameIndex > 0 ? "\(name) frame \(frameIndex + 1)" : name
    }

    /// The last path component of an image id, for messages. Found by one backward scan of the UTF-8 bytes (it is
    /// taken for every slice a stream writes; splitting the whole id into `Character`s cost more than parsing the
    /// instance).
    public static func label(of imageID: String) -> String {
        let bytes = imageID.utf8, slash = UInt8(ascii: "/")
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        let start = bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
        return start < end ? String(imageID[start..<end]) : imageID
    }
}
