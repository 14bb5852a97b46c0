import DICOM

extension RescaledImage {
    /// Frame `frame` of `file`, decoded and rescaled with the frame's own rescale.
    ///
    /// The pixel budget is checked first, so a header that claims more pixels than the file holds is refused
    /// before decoding allocates. Pixel spacing that is missing or not two positive values counts as 1 × 1 mm.
    public init(frame: Int, of file: DICOMFile) throws(DICOMError) {
        let d = try file.checkPixelBudget(frames: 1)
        let storage = try file.decodeFrame(frame).storage
        let samples = d.samplesPerPixel
        let values: [Double]
        if samples == 1 {
            let rescale = file.rescale(forFrame: frame)
            values = (0..<storage.count).map { rescale.apply(storage.value(at: $0)) }
        } else {
            values = (0..<storage.count).map { storage.value(at: $0) }
        }
        let spacing = file.dataSet.doubles(.pixelSpacing) ?? []
        let usable = spacing.count == 2 && spacing.allSatisfy { $0 > 0 }
        self.init(
            rows: d.rows, columns: d.columns, samplesPerPixel: samples, values: values,
            maxStoredValue: Double((1 << min(d.bitsStored, 16)) - 1),
            rowSpacing: usable ? spacing[0] : 1, columnSpacing: usable ? spacing[1] : 1,
            invertsGrey: d.photometricInterpretation == "MONOCHROME1", fileWindow: FileWindow(file.dataSet),
            modality: file.dataSet.string(.modality))
    }
}
