import Foundation

/// The shard of one task of an array job, read from the variables its engine sets, so one command line serves
/// every task (`lightbox thumbnails --shard auto`). Engines: Slurm job arrays, Kubernetes Indexed Jobs, AWS Batch
/// array jobs and Google Cloud Batch. Slurm task ids are mapped by position: `--array=1-7:2` runs ids 1, 3, 5, 7,
/// which are shards 0…3 of 4.
public struct ArrayJobShard: Sendable, Equatable {
    /// An engine that runs array jobs.
    public enum Engine: String, Sendable, CaseIterable, CustomStringConvertible {
        case slurm, kubernetes, awsBatch, googleBatch

        public var description: String {
            switch self {
            case .slurm: return "Slurm array job"
            case .kubernetes: return "Kubernetes Indexed Job"
            case .awsBatch: return "AWS Batch array job"
            case .googleBatch: return "Google Cloud Batch job"
            }
        }

        /// The variable with the task's index; set means the task runs on this engine.
        public var indexVariable: String {
            switch self {
            case .slurm: return "SLURM_ARRAY_TASK_ID"
            case .kubernetes: return "JOB_COMPLETION_INDEX"
            case .awsBatch: return "AWS_BATCH_JOB_ARRAY_INDEX"
            case .googleBatch: return "BATCH_TASK_INDEX"
            }
        }

        /// The variable with the number of tasks, for engines whose index counts from 0; nil when the engine sets none.
        var countVariable: String? {
            switch self {
            case .slurm, .kubernetes: return nil
            case .awsBatch: return "AWS_BATCH_JOB_ARRAY_SIZE"
            case .googleBatch: return "BATCH_TASK_COUNT"
            }
        }
    }

    /// Where a shard count can be given when the engine sets none (Kubernetes): the number of completions.
    public static let countVariable = "LIGHTBOX_SHARD_COUNT"

    public var shard: ThumbnailShard
    public var engine: Engine

    /// Reads the shard from `environment`. `count` (else `LIGHTBOX_SHARD_COUNT`) gives the number of shards where
    /// the engine sets none and must agree with the engine's where it does. Several engines' variables may be set
    /// only when they give the same shard.
    public init(environment: [String: String], count: Int? = nil) throws(ArrayJobShardError) {
        var given = count
        if given == nil, let text = environment[Self.countVariable] { given = try Self.number(Self.countVariable, text, atLeast: 1) }
        if let given, given < 1 { throw .notANumber(variable: "the shard count", value: String(given)) }
        let engines = Engine.allCases.filter { environment[$0.indexVariable] != nil }
        guard let first = engines.first else { throw .noArrayJob }
        var found: [ArrayJobShard] = []
        for engine in engines {
            found.append(ArrayJobShard(shard: try Self.shard(of: engine, in: environment, given: given), engine: engine))
        }
        guard found.allSatisfy({ $0.shard == found[0].shard }) else {
            throw .conflicting(found.map { "\($0.engine) (\($0.engine.indexVariable)): shard \($0.shard)" })
        }
        self.init(shard: found[0].shard, engine: first)
    }

    public init(shard: ThumbnailShard, engine: Engine) {
        self.shard = shard
        self.engine = engine
    }

    /// The shard `engine`'s variables give, checked against `given`.
    private static func shard(of engine: Engine, in environment: [String: String], given: Int?) throws(ArrayJobShardError) -> ThumbnailShard {
        func value(_ name: String) throws(ArrayJobShardError) -> Int {
            guard let text = environment[name] else { throw .missingVariable(engine, name) }
            return try number(name, text, atLeast: 0)
        }
        var index = 0, engineCount: Int?
        switch engine {
        case .slurm:
            let id = try value("SLURM_ARRAY_TASK_ID"), min = try value("SLURM_ARRAY_TASK_MIN"), max = try value("SLURM_ARRAY_TASK_MAX")
            let count = try value("SLURM_ARRAY_TASK_COUNT")
            let step = try environment["SLURM_ARRAY_TASK_STEP"] == nil ? 1 : value("SLURM_ARRAY_TASK_STEP")
            guard step >= 1, min <= id, id <= max, (id - min) % step == 0 else {
                throw .inconsistent(engine, "task \(id) is not in the range \(min)-\(max):\(step)")
            }
            guard (max - min) / step + 1 == count else {
                throw .inconsistent(engine, "\(count) tasks are not the evenly stepped range \(min)-\(max):\(step) (an array such as --array=1,4,9 cannot be split by position; use --array=A-B or A-B:S, or --shard i/n)")
            }
            index = (id - min) / step
            engineCount = count
        case .kubernetes, .awsBatch, .googleBatch:
            index = try value(engine.indexVariable)
            if let name = engine.countVariable, let text = environment[name] { engineCount = try number(name, text, atLeast: 1) }
        }
        if let engineCount, let given, engineCount != given { throw .countDisagrees(engine, engineCount: engineCount, given: given) }
        guard let count = engineCount ?? given else { throw .noCount(engine) }
        guard index < count else { throw .inconsistent(engine, "index \(index) is not below the \(count) tasks") }
        return ThumbnailShard(index: index, count: count)
    }

    /// A whole number ≥ `atLeast` from a variable.
    private static func number(_ name: String, _ text: String, atLeast minimum: Int) throws(ArrayJobShardError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= minimum else { throw .notANumber(variable: name, value: text) }
        return value
    }
}
