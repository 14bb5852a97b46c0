import DICOM

extension SliceMetadata {
    /// The slices of one DICOM image: one for a single-frame image, one per frame for multi-frame images
    /// (Enhanced CT/MR/PET per-frame functional groups, or GridFrameOffsetVector as in RT Dose),
    /// each with the acquisition keys that tell the volumes of a 4D series apart.
    ///
    /// Throws `VolumeError.noPlaceInSpace` when the image has no position or orientation at all (it is no
    /// slice of a volume), and `VolumeError.missingGeometry` naming the image and the attribute when position,
    /// orientation or spacing cannot be read.
    public static func frames(of dataSet: DataSet, imageID: String) throws(VolumeError) -> [SliceMetadata] {
        func fail(_ error: DICOMError) -> VolumeError { .missingGeometry(image: imageID, reason: error.description) }
        let frameCount = max(1, dataSet.int(.numberOfFrames) ?? 1)
        let shared = dataSet.sequence(.sharedFunctionalGroupsSequence)?.first
        let perFrame = dataSet.sequence(.perFrameFunctionalGroupsSequence) ?? []
        if frameCount > 1, !perFrame.isEmpty, perFrame.count != frameCount {
            throw .missingGeometry(image: imageID, reason: "Number of Frames is \(frameCount) but the per-frame functional groups hold \(perFrame.count) items")
        }

        /// An attribute from the frame's functional group `sequence`, then the shared group, then the top level.
        func lookup(_ tag: Tag, in sequence: Tag, frame: Int) -> DataSet? {
            let candidates = [frame < perFrame.count ? perFrame[frame] : nil, shared]
            for group in candidates {
                if let item = group?.sequence(sequence)?.first, item.contains(tag) { return item }
            }
            return dataSet.contains(tag) ? dataSet : nil
        }
        func doubles(_ tag: Tag, in sequence: Tag, frame: Int, count: Int) throws(VolumeError) -> [Double] {
            guard let source = lookup(tag, in: sequence, frame: frame) else { throw fail(.missingElement(tag: tag)) }
            let values: [Double]
            do { values = try source.requireDoubles(tag) } catch { throw fail(error) }
            guard values.count == count else {
                throw .missingGeometry(image: imageID, reason: "\(tag) has \(values.count) values, expected \(count)")
            }
            return values
        }

        let rows: Int, columns: Int
        do {
            rows = try dataSet.requireInt(.rows)
            columns = try dataSet.requireInt(.columns)
        } catch { throw fail(error) }
        let gridOffsets = frameCount > 1 && perFrame.isEmpty ? dataSet.doubles(.gridFrameOffsetVector) : nil
        if let gridOffsets, gridOffsets.count != frameCount {
            throw .missingGeometry(image: imageID, reason: "GridFrameOffsetVector has \(gridOffsets.count) values for \(frameCount) frames")
        }
        if frameCount > 1, perFrame.isEmpty, gridOffsets == nil {
            throw .missingGeometry(image: imageID, reason: "\(frameCount) frames but no per-frame positions (no functional groups or GridFrameOffsetVector)")
        }

        let placement: [(Tag, Tag)] = [(.imagePositionPatient, .planePositionSequence), (.imageOrientationPatient, .planeOrientationSequence)]
        let absent = placement.filter { tag, sequence in lookup(tag, in: sequence, frame: 0) == nil }.map { $0.0 }
        if !absent.isEmpty {
            throw .noPlaceInSpace(image: imageID, missing: absent.map { $0 == .imagePositionPatient ? "ImagePositionPatient \($0)" : "ImageOrientationPatient \($0)" }.joined(separator: " or "))
        }

        var result: [SliceMetadata] = []
        for frame in 0..<frameCount {
            let iop = try doubles(.imageOrientationPatient, in: .planeOrientationSequence, frame: frame, count: 6)
            var ipp = try doubles(.imagePositionPatient, in: .planePositionSequence, frame: frame, count: 3)
            let spacing = try doubles(.pixelSpacing, in: .pixelMeasuresSequence, frame: frame, count: 2)
            let row = Vector3(iop[0], iop[1], iop[2]), column = Vector3(iop[3], iop[4], iop[5])
            if let gridOffsets {
                let offset = row.cross(column).normalized * gridOffsets[frame]
                ipp = [ipp[0] + offset.x, ipp[1] + offset.y, ipp[2] + offset.z]
            }
            var rescale = Rescale(dataSet: dataSet, frame: frame)
            if rescale.type == nil { rescale.type = dataSet.string(.units) }
            result.append(SliceMetadata(
                imageID: imageID, frameIndex: frame, framesInImage: frameCount,
                sopInstanceUID: dataSet.string(.sopInstanceUID) ?? imageID,
                seriesInstanceUID: dataSet.string(.seriesInstanceUID) ?? "",
                frameOfReferenceUID: dataSet.string(.frameOfReferenceUID),
                modality: dataSet.string(.modality), instanceNumber: dataSet.int(.instanceNumber),
                plane: ImagePlane(
                    position: Vector3(ipp[0], ipp[1], ipp[2]), rowDirection: row, columnDirection: column,
                    rowSpacing: spacing[0], columnSpacing: spacing[1], rows: rows, columns: columns),
                rescale: rescale,
                bitsAllocated: dataSet.int(.bitsAllocated) ?? 16,
                isSigned: dataSet.int(.pixelRepresentation) == 1,
                samplesPerPixel: dataSet.int(.samplesPerPixel) ?? 1,
                nominalStep: dataSet.double(.spacingBetweenSlices) ?? dataSet.double(.sliceThickness),
                keys: AcquisitionKeys(dataSet: dataSet, perFrame: frame < perFrame.count ? perFrame[frame] : nil,
                                      shared: shared),
                fileWindow: FileWindow(lookup(.windowCenter, in: .frameVOILUTSequence, frame: frame)),
                declaredStoredRange: declaredRange(dataSet)))
        }
        return result
    }

    /// Smallest/Largest Image Pixel Value when both are present and ordered, else the range of BitsStored
    /// (signed when PixelRepresentation is 1); nil without BitsStored (float pixel data).
    static func declaredRange(_ dataSet: DataSet) -> ClosedRange<Double>? {
        if let low = dataSet.int(.smallestImagePixelValue), let high = dataSet.int(.largestImagePixelValue), low < high {
            return Double(low)...Double(high)
        }
        guard let bits = dataSet.int(.bitsStored), (1...32).contains(bits) else { return nil }
        let span = Double(UInt64(1) << UInt64(bits))
        let signed = dataSet.int(.pixelRepresentation) == 1
        let low: Double = signed ? -span / 2 : 0
        let high: Double = signed ? span / 2 - 1 : span - 1
        return low...high
    }
}
