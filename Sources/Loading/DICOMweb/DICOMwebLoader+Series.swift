import DICOM
import Foundation

/// One series a DICOMweb server lists (QIDO-RS).
public struct DICOMwebSeriesListing: Sendable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var modality: String?
    public var instances: Int?
    /// The `dicomweb:` series id to stream it.
    public var id: String
}

#if DICOMweb
extension DICOMwebLoader {
    /// Every series on a DICOMweb root (`<root>/series`, QIDO-RS), sorted by study and series UID.
    public func listSeries(root: String) async throws -> [DICOMwebSeriesListing] {
        let base = root.hasPrefix(DICOMwebID.scheme + ":") ? String(root.dropFirst(DICOMwebID.scheme.count + 1)) : root
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let data = try await client.get(trimmed + "/series", accept: "application/dicom+json, application/json", resource: trimmed + "/series") {
            response in
            var data = Data()
            for try await buffer in response.body { data.append(contentsOf: buffer.readableBytesView) }
            return data
        }
        // An empty body (some servers answer 204 or nothing when there are no series) lists nothing.
        guard !data.isEmpty else { return [] }
        return try DICOMJSON.decode(data).compactMap { object in
            let ds = object.dataSet
            guard let study = ds.string(.studyInstanceUID), let series = ds.string(.seriesInstanceUID) else { return nil }
            return DICOMwebSeriesListing(
                studyInstanceUID: study, seriesInstanceUID: series, modality: ds.string(.modality),
                instances: ds.int(Tag(0x0020, 0x1209)),
                id: DICOMwebID(baseURL: trimmed, studyUID: study, seriesUID: series).id)
        }.sorted { ($0.studyInstanceUID, $0.seriesInstanceUID) < ($1.studyInstanceUID, $1.seriesInstanceUID) }
    }
}
#endif
