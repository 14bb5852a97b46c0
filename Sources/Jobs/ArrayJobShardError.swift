/// Why the shard of an array-job task could not be read from its environment; each message says what to set.
public enum ArrayJobShardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No engine's index variable is set: the process is no array-job task.
    case noArrayJob
    /// The engine sets no task count (Kubernetes; AWS Batch or Cloud Batch without their count) and none was given.
    case noCount(ArrayJobShard.Engine)
    /// A variable the engine sets beside its index is missing.
    case missingVariable(ArrayJobShard.Engine, String)
    /// A variable, or the given count, is no whole number in range.
    case notANumber(variable: String, value: String)
    /// The engine's variables contradict each other.
    case inconsistent(ArrayJobShard.Engine, String)
    /// The count given (option or LIGHTBOX_SHARD_COUNT) is not the engine's.
    case countDisagrees(ArrayJobShard.Engine, engineCount: Int, given: Int)
    /// Variables of several engines are set and give different shards.
    case conflicting([String])

    public var description: String {
        switch self {
        case .noArrayJob:
            let variables = ArrayJobShard.Engine.allCases.map(\.indexVariable).joined(separator: ", ")
            return "--shard auto found no array-job index (none of \(variables) is set): run it as a task of an array job, or give --shard i/n"
        case .noCount(let engine):
            return "a \(engine) sets no task count: give --shard-count N or set \(ArrayJobShard.countVariable)=N (N = the job's completions)"
        case .missingVariable(let engine, let name):
            return "\(engine): \(engine.indexVariable) is set but \(name) is not"
        case .notANumber(let variable, let value):
            return "\(variable) is '\(value)', not a whole number in range"
        case .inconsistent(let engine, let detail):
            return "\(engine): \(detail)"
        case .countDisagrees(let engine, let engineCount, let given):
            return "the \(engine) has \(engineCount) tasks but the shard count given is \(given): leave the count out or make them agree"
        case .conflicting(let shards):
            return "array-job variables of several engines disagree: \(shards.joined(separator: "; "))"
        }
    }
}
