/// The PCT strategy's state for one run: task priorities and the steps where the running task is demoted.
///
/// Tasks are told apart by the runtime's task id of each job, used only as a key: priorities are drawn from the
/// scheduler's seeded stream in the order tasks are first seen, so the same seed gives the same priorities in every
/// process, whatever the ids are. A job that belongs to no task (id 0) counts as one task.
///
/// Not thread-safe: owned by the scheduler, used on its thread.
struct PCTPicker {
    /// Priority by task id; higher runs first. Initial priorities are drawn at or above `depth`, so that the
    /// demoted ones (1, 2, …, below `depth`) sit below every task that was not demoted.
    private var priorities: [UInt64: UInt64] = [:]
    /// The task of each job in the ready queue, keyed by the job while it waits there (so a job's address is never
    /// used after it ran). A job that is no task's own (the runtime's wrapper of a yield or an executor hop has id 0)
    /// belongs to the task that was running when it was enqueued: the one that yielded or hopped.
    private var owners: [UnsafeRawPointer: UInt64] = [:]
    /// The task of the job running now; 0 between jobs (a timer firing in the run loop).
    private var runningOwner: UInt64 = 0
    /// The steps at which the running task is demoted, ascending; `nextChange` indexes the next one.
    private let changePoints: [Int]
    private var nextChange = 0
    private let depth: Int

    init(depth: Int, stepEstimate: Int, random: SeededRandom) {
        precondition(depth >= 1 && stepEstimate >= 1, "PCT needs a depth and a step estimate of at least 1")
        self.depth = depth
        changePoints = (1..<depth).map { _ in 1 + random.uniform(below: stepEstimate) }.sorted()
    }

    /// Notes the task of a job entering the ready queue.
    mutating func enqueued(_ job: UnownedJob) {
        let id = Self.taskID(of: job)
        owners[Self.key(job)] = id != 0 ? id : runningOwner
    }

    /// The index in `ready` of the job whose task has the highest priority; ties (two jobs of one task) go to the
    /// first in the queue.
    mutating func pick(_ ready: ContiguousArray<UnownedJob>, random: SeededRandom) -> Int {
        var best = 0
        var bestPriority = priority(of: ready[0], random: random)
        for index in 1..<ready.count {
            let candidate = priority(of: ready[index], random: random)
            if candidate > bestPriority {
                best = index
                bestPriority = candidate
            }
        }
        return best
    }

    /// Called with each step's number and the job about to run: at a change point its task is demoted below all
    /// others (the i-th change point gives priority depth - i, so later demotions rank lower still).
    mutating func willRun(_ job: UnownedJob, atStep step: Int) {
        runningOwner = owners.removeValue(forKey: Self.key(job)) ?? Self.taskID(of: job)
        while nextChange < changePoints.count, changePoints[nextChange] <= step {
            nextChange += 1
            priorities[runningOwner] = UInt64(depth - nextChange)
        }
    }

    /// The job that `willRun` announced has returned.
    mutating func didRun() {
        runningOwner = 0
    }

    private mutating func priority(of job: UnownedJob, random: SeededRandom) -> UInt64 {
        let id = owners[Self.key(job)] ?? Self.taskID(of: job)
        if let known = priorities[id] { return known }
        // Above every demoted priority; a collision between two draws (2^-64) only makes their order first-found.
        let drawn = max(UInt64(depth), random.next())
        priorities[id] = drawn
        return drawn
    }

    private static func key(_ job: UnownedJob) -> UnsafeRawPointer {
        unsafeBitCast(job, to: UnsafeRawPointer.self)
    }

    static func taskID(of job: UnownedJob) -> UInt64 {
        _jobTaskID(job)
    }
}

/// The runtime's id of the task a job belongs to (0 for a job that is not a task's). The standard library reads it
/// the same way for `UnownedJob.description`, but only exposes it formatted.
@_silgen_name("swift_task_getJobTaskId")
private func _jobTaskID(_ job: UnownedJob) -> UInt64
