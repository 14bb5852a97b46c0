import DICOM

extension SeriesScanner {
    /// A DICOM file that holds no image and so belongs to no series: a DICOMDIR, a structured report, a
    /// presentation state, a key object selection, raw data, an RT plan and the like.
    public struct NonImageObject: Sendable, Equatable {
        public var path: String
        /// The series it names, if any (a DICOMDIR names none).
        public var seriesInstanceUID: String?
        /// Why it is not an image, e.g. "DICOMDIR (Media Storage Directory)" or "no pixel data (Basic Text SR)".
        public var reason: String
    }

    /// Why a metadata-only read is not an image, or nil when it is one.
    ///
    /// A directory-record file (Media Storage Directory SOP class, or a Directory Record Sequence) is never an
    /// image. Otherwise a file is an image when it has Pixel Data, Float Pixel Data or Double Float Pixel Data
    /// (a metadata-only read keeps the element, not its bytes). A file without any that declares Rows and
    /// Columns, and is not of a known non-image SOP class, still counts as an image: it is a slice whose pixel
    /// data is missing (for example cut off), and decoding it reports that instead of the slice vanishing.
    static func nonImageReason(_ file: DICOMFile) -> String? {
        let ds = file.dataSet
        let sopClass = ds.string(.sopClassUID) ?? file.meta.string(.mediaStorageSOPClassUID)
        if sopClass == mediaStorageDirectory || file.meta.string(.mediaStorageSOPClassUID) == mediaStorageDirectory
            || ds.contains(.directoryRecordSequence) {
            return "DICOMDIR (Media Storage Directory)"
        }
        if ds.contains(.pixelData) || ds.contains(.floatPixelData) || ds.contains(.doubleFloatPixelData) { return nil }
        if let sopClass, let name = nonImageClasses[sopClass] { return "no pixel data (\(name))" }
        if ds.contains(.rows), ds.contains(.columns) { return nil }
        if let modality = ds.string(.modality) { return "no pixel data (modality \(modality))" }
        return "no pixel data (SOP class \(sopClass ?? "not given"))"
    }

    /// Media Storage Directory Storage: the SOP class of a DICOMDIR.
    static let mediaStorageDirectory = "1.2.840.10008.1.3.10"

    /// Common storage SOP classes that never carry pixel data, by UID, with their short names.
    static let nonImageClasses: [String: String] = [
        "1.2.840.10008.5.1.4.1.1.88.11": "Basic Text SR",
        "1.2.840.10008.5.1.4.1.1.88.22": "Enhanced SR",
        "1.2.840.10008.5.1.4.1.1.88.33": "Comprehensive SR",
        "1.2.840.10008.5.1.4.1.1.88.34": "Comprehensive 3D SR",
        "1.2.840.10008.5.1.4.1.1.88.50": "Mammography CAD SR",
        "1.2.840.10008.5.1.4.1.1.88.59": "Key Object Selection",
        "1.2.840.10008.5.1.4.1.1.88.65": "Chest CAD SR",
        "1.2.840.10008.5.1.4.1.1.88.67": "X-Ray Radiation Dose SR",
        "1.2.840.10008.5.1.4.1.1.11.1": "Grayscale Softcopy Presentation State",
        "1.2.840.10008.5.1.4.1.1.11.2": "Color Softcopy Presentation State",
        "1.2.840.10008.5.1.4.1.1.11.3": "Pseudo-Color Softcopy Presentation State",
        "1.2.840.10008.5.1.4.1.1.11.4": "Blending Softcopy Presentation State",
        "1.2.840.10008.5.1.4.1.1.66": "Raw Data",
        "1.2.840.10008.5.1.4.1.1.66.1": "Spatial Registration",
        "1.2.840.10008.5.1.4.1.1.66.2": "Spatial Fiducials",
        "1.2.840.10008.5.1.4.1.1.66.3": "Deformable Spatial Registration",
        "1.2.840.10008.5.1.4.1.1.104.1": "Encapsulated PDF",
        "1.2.840.10008.5.1.4.1.1.104.2": "Encapsulated CDA",
        "1.2.840.10008.5.1.4.1.1.481.3": "RT Structure Set",
        "1.2.840.10008.5.1.4.1.1.481.4": "RT Beams Treatment Record",
        "1.2.840.10008.5.1.4.1.1.481.5": "RT Plan",
        "1.2.840.10008.5.1.4.1.1.4.2": "MR Spectroscopy",
        "1.2.840.10008.5.1.4.1.1.9.1.1": "12-lead ECG Waveform",
    ]
}
