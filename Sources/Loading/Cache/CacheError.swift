import Foundation

/// Errors of the image/volume cache, stating the numbers so a person can choose what to do.
public enum CacheError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The item does not fit even after evicting every evictable image.
    case sizeExceeded(item: String, requestedBytes: Int, budgetBytes: Int, pinnedBytes: Int)
    /// A volume id is already cached.
    case duplicateVolume(id: String)

    public var description: String {
        func mib(_ b: Int) -> String { b == Int.max ? "more than 8 EiB" : String(format: "%.1f MiB", Double(b) / 1_048_576) }
        switch self {
        case .sizeExceeded(let item, let requested, let budget, let pinned):
            return "cache size exceeded: \(item) needs \(mib(requested)); the budget is \(mib(budget)) and volumes hold \(mib(pinned)). Release or decache a volume, raise the cache budget, or load a smaller series"
        case .duplicateVolume(let id):
            return "a volume with id \(id) is already cached; release it first"
        }
    }
}
