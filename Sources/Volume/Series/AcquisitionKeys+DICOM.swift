import DICOM

extension AcquisitionKeys {
    /// The keys of one frame: each attribute from the frame's functional groups (`perFrame`), then the
    /// shared ones (`shared`), then the top level of `dataSet`. Single-frame images pass nil groups.
    init(dataSet: DataSet, perFrame: DataSet?, shared: DataSet?) {
        /// The first item of a functional group `sequence` that holds `tag`, per-frame before shared.
        func group(_ sequence: Tag, holding tag: Tag) -> DataSet? {
            for groups in [perFrame, shared] {
                if let item = groups?.sequence(sequence)?.first, item.contains(tag) { return item }
            }
            return nil
        }
        /// The item of `sequence` holding `tag`, else the top level.
        func source(_ tag: Tag, in sequence: Tag) -> DataSet { group(sequence, holding: tag) ?? dataSet }

        let content = Tag.frameContentSequence
        self.init(
            temporalPositionIndex: source(.temporalPositionIndex, in: content).int(.temporalPositionIndex),
            temporalPositionIdentifier: dataSet.int(.temporalPositionIdentifier),
            acquisitionNumber: group(content, holding: .frameAcquisitionNumber)?.int(.frameAcquisitionNumber)
                ?? dataSet.int(.acquisitionNumber),
            triggerTime: Self.finite(group(.cardiacSynchronizationSequence, holding: .nominalCardiacTriggerDelayTime)?
                .double(.nominalCardiacTriggerDelayTime) ?? dataSet.double(.triggerTime)),
            echoNumber: dataSet.int(.echoNumbers),
            echoTime: Self.finite(group(.mrEchoSequence, holding: .effectiveEchoTime)?.double(.effectiveEchoTime)
                ?? dataSet.double(.echoTime)),
            diffusionBValue: Self.finite(source(.diffusionBValue, in: .mrDiffusionSequence).double(.diffusionBValue)),
            diffusionGradient: Self.vector(
                group(.mrDiffusionSequence, holding: .diffusionGradientDirectionSequence)?
                    .sequence(.diffusionGradientDirectionSequence)?.first?.doubles(.diffusionGradientOrientation)
                    ?? dataSet.doubles(.diffusionGradientOrientation)),
            stackID: Self.nonEmpty(source(.stackID, in: content).string(.stackID)),
            inStackPositionNumber: source(.inStackPositionNumber, in: content).int(.inStackPositionNumber),
            frameReferenceTime: Self.finite(dataSet.double(.frameReferenceTime)),
            imageType: Self.nonEmpty(
                [Tag.mrImageFrameTypeSequence, .ctImageFrameTypeSequence, .petFrameTypeSequence].lazy
                    .compactMap { group($0, holding: .frameType)?.strings(.frameType) }.first
                    ?? dataSet.strings(.imageType)))
    }

    private static func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }

    private static func vector(_ values: [Double]?) -> Vector3? {
        guard let values, values.count == 3 else { return nil }
        let v = Vector3(values[0], values[1], values[2])
        return v.isFinite ? v : nil
    }

    private static func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }

    private static func nonEmpty(_ values: [String]?) -> [String]? {
        values?.contains { !$0.isEmpty } == true ? values : nil
    }
}
