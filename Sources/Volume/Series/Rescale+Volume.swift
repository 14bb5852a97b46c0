import DICOM

/// The modality rescale (DICOM's `Rescale`) as volumes use it.
public typealias Rescale = DICOM.Rescale

extension DICOM.Rescale {
    /// No rescale: output equals stored value.
    public static let identity = DICOM.Rescale()

    /// Applies the transform to a stored value.
    @inlinable public func apply(_ stored: Double) -> Double { stored * slope + intercept }
}
