/// Where each thumbnail goes below the output folder. One flat folder is simplest but file systems and tools slow
/// down past a few hundred thousand entries in a folder; the other layouts spread an archive of millions.
public enum ThumbnailLayout: String, Sendable, Codable, CaseIterable {
    /// `<SeriesInstanceUID>.png`, every thumbnail in the output folder.
    case flat
    /// `<StudyInstanceUID>/<SeriesInstanceUID>.png`, one folder per study.
    case studySeries = "study/series"
    /// `ab/cd/<SeriesInstanceUID>.png`: `abcd` are the first four hex digits of the FNV-1a 64 hash of the series UID
    /// mixed by MurmurHash3's 64-bit finalizer (FNV's high bits barely change with the last characters, where UIDs
    /// of one archive differ), so 65,536 folders of even size (a million series: about 15 a folder).
    case hashed

    /// The thumbnail's path relative to the output folder. UIDs are digits and dots; any other character becomes
    /// `_`, and a name starting with a dot gets a `_` first, so a name from a file never leaves the folder.
    public func path(seriesUID: String, studyUID: String?) -> String {
        let file = Self.safeName(seriesUID) + ".png"
        switch self {
        case .flat:
            return file
        case .studySeries:
            return Self.safeName(studyUID ?? "") + "/" + file
        case .hashed:
            let hash = Self.mixed(ThumbnailShard.hash(seriesUID))
            return Self.hex(hash >> 56) + "/" + Self.hex((hash >> 48) & 0xFF) + "/" + file
        }
    }

    /// Digits and dots kept, anything else `_`; a leading dot (or nothing) is preceded by `_`.
    private static func safeName(_ uid: String) -> String {
        let name = String(uid.map { $0.isASCII && ($0.isNumber || $0 == ".") ? $0 : "_" })
        return name.isEmpty || name.hasPrefix(".") ? "_" + name : name
    }

    /// MurmurHash3's fmix64: every input bit reaches every output bit.
    private static func mixed(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// Two lower-case hex digits.
    private static func hex(_ byte: UInt64) -> String {
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }
}
