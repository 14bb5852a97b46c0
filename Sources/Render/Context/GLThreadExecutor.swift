import Foundation

/// A serial executor that runs every job on one dedicated thread.
///
/// OSMesa binds a context to the thread that calls `OSMesaMakeCurrent`, so the render engine
/// (an actor) uses this executor: every actor-isolated method, and therefore every GL call,
/// runs on this one thread.
final class GLThreadExecutor: SerialExecutor, @unchecked Sendable {
    // `jobs` and `stopping` are guarded by `condition`; `thread` is written once in init.
    private let condition = NSCondition()
    private enum Work {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private var jobs: [Work] = []
    private var stopping = false
    private var thread: Thread?

    init(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(.job(job))
            condition.signal()
        }
    }

    func checkIsolated() {
        precondition(Thread.current === thread, "not on the GL thread")
    }

    /// Runs `last` on the thread after the jobs already queued, then lets the thread end.
    func finish(with last: @escaping @Sendable () -> Void) {
        condition.withLock {
            jobs.append(.closure(last))
            stopping = true
            condition.signal()
        }
    }

    private func runLoop() {
        while true {
            let next: Work? = condition.withLock {
                while jobs.isEmpty && !stopping { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            switch next {
            case .job(let job): job.runSynchronously(on: asUnownedSerialExecutor())
            case .closure(let body): body()
            case nil: return
            }
        }
    }
}
