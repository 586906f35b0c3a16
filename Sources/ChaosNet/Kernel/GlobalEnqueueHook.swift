#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Routes work that a simulation's code sends to the global executor back into that simulation.
///
/// Unstructured `Task {}` and detached tasks do not inherit a task-executor preference, so code inside a simulation
/// that starts one would escape to the global thread pool and break determinism. The Swift runtime exposes
/// `swift_task_enqueueGlobal_hook` (the same hook swift-concurrency-extras uses for its main serial executor). We
/// install it once per process; it asks a thread-local which simulation, if any, is running on the calling thread.
/// Jobs from other threads go to the original executor untouched, so simulations in parallel test processes or on
/// parallel threads do not interfere with each other or with the test runner.
///
/// Real-clock sleeps (`Task.sleep`, `ContinuousClock.sleep`) cannot be caught here: since Swift 6.2 they no longer pass
/// through the runtime's delay hooks (measured on 6.3.1: neither `swift_task_enqueueGlobalWithDelay_hook` nor the
/// deadline hook is called). They surface instead as a job enqueued from a foreign thread when the timer fires; see
/// `SimulationScheduler`'s quiescence grace period.
enum GlobalEnqueueHook {
    typealias Original = @convention(thin) (UnownedJob) -> Void
    typealias Hook = @convention(thin) (UnownedJob, Original) -> Void

    /// Whether the runtime offered the hook; if not, stray tasks can only be caught as foreign-thread violations.
    static let isInstalled: Bool = install()

    /// The simulation scheduler running on this thread, if any.
    static var current: SimulationScheduler? {
        guard let pointer = pthread_getspecific(threadKey) else { return nil }
        return Unmanaged<SimulationScheduler>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Makes `scheduler` the current one for this thread; returns the previous one to restore.
    static func enter(_ scheduler: SimulationScheduler) -> UnsafeMutableRawPointer? {
        _ = isInstalled
        let previous = pthread_getspecific(threadKey)
        pthread_setspecific(threadKey, Unmanaged.passUnretained(scheduler).toOpaque())
        return previous
    }

    static func leave(restoring previous: UnsafeMutableRawPointer?) {
        pthread_setspecific(threadKey, previous)
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed with status \(status)")
        return key
    }()

    // The previously installed hook, chained to for jobs that are not ours. Written once, before our hooks go live.
    nonisolated(unsafe) private static var previousHook: Hook?

    private static func install() -> Bool {
        guard let handle = dlopen(nil, RTLD_NOW) else { return false }
        guard let enqueue = dlsym(handle, "swift_task_enqueueGlobal_hook") else { return false }
        let enqueueSlot = enqueue.assumingMemoryBound(to: Hook?.self)
        previousHook = enqueueSlot.pointee
        enqueueSlot.pointee = { job, original in
            if let scheduler = GlobalEnqueueHook.current {
                scheduler.captureStrayJob(job)
            } else if let previous = GlobalEnqueueHook.previousHook {
                previous(job, original)
            } else {
                original(job)
            }
        }
        return true
    }
}
