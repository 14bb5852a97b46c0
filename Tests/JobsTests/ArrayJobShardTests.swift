import Jobs
import XCTest

/// `--shard auto`: the shard of an array-job task from each engine's variables, and a typed error for every
/// environment that does not say one.
final class ArrayJobShardTests: XCTestCase {
    private func shard(_ environment: [String: String], count: Int? = nil) throws -> ArrayJobShard {
        try ArrayJobShard(environment: environment, count: count)
    }

    private func error(_ environment: [String: String], count: Int? = nil) -> ArrayJobShardError? {
        do { _ = try ArrayJobShard(environment: environment, count: count); return nil } catch { return error }
    }

    private func slurm(id: Int, min: Int, max: Int, step: Int?, count: Int) -> [String: String] {
        var environment = ["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max)",
                           "SLURM_ARRAY_TASK_COUNT": "\(count)", "SLURM_JOB_ID": "17", "SLURM_ARRAY_JOB_ID": "16"]
        environment["SLURM_ARRAY_TASK_STEP"] = step.map(String.init)
        return environment
    }

    func testSlurmArraysMapTaskIDsByPosition() throws {
        for id in 0...3 {   // --array=0-3
            XCTAssertEqual(try shard(slurm(id: id, min: 0, max: 3, step: 1, count: 4)), ArrayJobShard(shard: ThumbnailShard(index: id, count: 4), engine: .slurm))
        }
        for (position, id) in [1, 3, 5, 7].enumerated() {   // --array=1-7:2, as Slurm 22.05 sets it
            XCTAssertEqual(try shard(slurm(id: id, min: 1, max: 7, step: 2, count: 4)).shard, ThumbnailShard(index: position, count: 4), "task \(id)")
        }
        XCTAssertEqual(try shard(slurm(id: 10, min: 10, max: 12, step: nil, count: 3)).shard, ThumbnailShard(index: 0, count: 3), "no STEP: step 1")
        XCTAssertEqual(try shard(slurm(id: 4, min: 0, max: 7, step: 4, count: 2)).shard, ThumbnailShard(index: 1, count: 2), "--array=0-7:4 ends at 4")
        XCTAssertEqual(try shard(slurm(id: 2, min: 0, max: 3, step: 1, count: 4), count: 4).shard, ThumbnailShard(index: 2, count: 4))
    }

    func testInconsistentSlurmVariablesAreRefused() {
        XCTAssertEqual(error(slurm(id: 2, min: 1, max: 7, step: 2, count: 4)), .inconsistent(.slurm, "task 2 is not in the range 1-7:2"))
        XCTAssertEqual(error(slurm(id: 9, min: 0, max: 3, step: 1, count: 4)), .inconsistent(.slurm, "task 9 is not in the range 0-3:1"))
        guard case .inconsistent(.slurm, let detail) = error(slurm(id: 4, min: 1, max: 9, step: 1, count: 3)) else {
            return XCTFail("--array=1,4,9 (3 tasks over 1-9) was mapped")
        }
        XCTAssertTrue(detail.contains("--array=1,4,9"), detail)
        XCTAssertEqual(error(slurm(id: 1, min: 0, max: 3, step: 0, count: 4)), .inconsistent(.slurm, "task 1 is not in the range 0-3:0"))
        XCTAssertEqual(error(["SLURM_ARRAY_TASK_ID": "1"]), .missingVariable(.slurm, "SLURM_ARRAY_TASK_MIN"))
        XCTAssertEqual(error(slurm(id: 1, min: 0, max: 3, step: 1, count: 4).merging(["SLURM_ARRAY_TASK_COUNT": "four"]) { $1 }),
                       .notANumber(variable: "SLURM_ARRAY_TASK_COUNT", value: "four"))
        XCTAssertEqual(error(slurm(id: 1, min: 0, max: 3, step: 1, count: 4), count: 8), .countDisagrees(.slurm, engineCount: 4, given: 8))
    }

    func testKubernetesIndexedJobsTakeTheCountFromTheOptionOrTheVariable() throws {
        XCTAssertEqual(try shard(["JOB_COMPLETION_INDEX": "3"], count: 5), ArrayJobShard(shard: ThumbnailShard(index: 3, count: 5), engine: .kubernetes))
        XCTAssertEqual(try shard(["JOB_COMPLETION_INDEX": "0", "LIGHTBOX_SHARD_COUNT": "2"]).shard, ThumbnailShard(index: 0, count: 2))
        XCTAssertEqual(try shard(["JOB_COMPLETION_INDEX": "1", "LIGHTBOX_SHARD_COUNT": "2"], count: 3).shard, ThumbnailShard(index: 1, count: 3),
                       "the option wins over the variable")
        XCTAssertEqual(error(["JOB_COMPLETION_INDEX": "3"]), .noCount(.kubernetes))
        XCTAssertEqual(error(["JOB_COMPLETION_INDEX": "5"], count: 5), .inconsistent(.kubernetes, "index 5 is not below the 5 tasks"))
        XCTAssertEqual(error(["JOB_COMPLETION_INDEX": "-1"], count: 5), .notANumber(variable: "JOB_COMPLETION_INDEX", value: "-1"))
        XCTAssertEqual(error(["JOB_COMPLETION_INDEX": "0", "LIGHTBOX_SHARD_COUNT": "0"]), .notANumber(variable: "LIGHTBOX_SHARD_COUNT", value: "0"))
        XCTAssertEqual(error(["JOB_COMPLETION_INDEX": "0"], count: 0), .notANumber(variable: "the shard count", value: "0"))
    }

    func testAWSBatchAndGoogleCloudBatch() throws {
        XCTAssertEqual(try shard(["AWS_BATCH_JOB_ARRAY_INDEX": "6", "AWS_BATCH_JOB_ARRAY_SIZE": "10", "AWS_BATCH_JOB_ID": "x:6"]),
                       ArrayJobShard(shard: ThumbnailShard(index: 6, count: 10), engine: .awsBatch))
        XCTAssertEqual(try shard(["AWS_BATCH_JOB_ARRAY_INDEX": "1"], count: 2).shard, ThumbnailShard(index: 1, count: 2), "no size: the count given")
        XCTAssertEqual(error(["AWS_BATCH_JOB_ARRAY_INDEX": "1"]), .noCount(.awsBatch))
        XCTAssertEqual(error(["AWS_BATCH_JOB_ARRAY_INDEX": "10", "AWS_BATCH_JOB_ARRAY_SIZE": "10"]), .inconsistent(.awsBatch, "index 10 is not below the 10 tasks"))
        XCTAssertEqual(try shard(["BATCH_TASK_INDEX": "2", "BATCH_TASK_COUNT": "3"]), ArrayJobShard(shard: ThumbnailShard(index: 2, count: 3), engine: .googleBatch))
        XCTAssertEqual(error(["BATCH_TASK_INDEX": "2", "BATCH_TASK_COUNT": "3"], count: 4), .countDisagrees(.googleBatch, engineCount: 3, given: 4))
        XCTAssertEqual(error(["BATCH_TASK_INDEX": "0", "BATCH_TASK_COUNT": "0"]), .notANumber(variable: "BATCH_TASK_COUNT", value: "0"))
    }

    func testNoArrayJobOrEnginesThatDisagreeAreErrors() throws {
        XCTAssertEqual(error([:]), .noArrayJob)
        XCTAssertEqual(error(["SLURM_JOB_ID": "12", "LIGHTBOX_SHARD_COUNT": "4"]), .noArrayJob, "a Slurm job that is no array job")
        XCTAssertTrue(ArrayJobShardError.noArrayJob.description.contains("--shard i/n"))
        let both = slurm(id: 1, min: 0, max: 1, step: 1, count: 2).merging(["BATCH_TASK_INDEX": "1", "BATCH_TASK_COUNT": "2"]) { $1 }
        XCTAssertEqual(try shard(both), ArrayJobShard(shard: ThumbnailShard(index: 1, count: 2), engine: .slurm), "engines that agree")
        let disagree = slurm(id: 1, min: 0, max: 1, step: 1, count: 2).merging(["BATCH_TASK_INDEX": "0", "BATCH_TASK_COUNT": "2"]) { $1 }
        XCTAssertEqual(error(disagree), .conflicting(["Slurm array job (SLURM_ARRAY_TASK_ID): shard 1/2", "Google Cloud Batch job (BATCH_TASK_INDEX): shard 0/2"]))
    }
}
