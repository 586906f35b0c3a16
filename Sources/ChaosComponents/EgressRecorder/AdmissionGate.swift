import ChaosCore

/// The robust recorder's bound on work: `permits` requests record at once, up to `queueCapacity` more wait in FIFO
/// order for at most `maxWait`, and any other is refused at once. Every admitted request is a unit of the work meter
/// until it leaves, so in-flight work never exceeds permits + queue.
actor AdmissionGate<C: Clock> where C.Duration == Duration {
    private struct Waiter {
        var continuation: CheckedContinuation<Bool, Never>
        var deadline: C.Instant
        var bytes: Int
    }

    private let settings: EgressSettings
    private let clock: C
    private let meter: any WorkMeter
    private let background: any BackgroundTaskStarter
    private var inUse = 0
    private var waiters = FIFO<Waiter>()
    private var sweeping = false

    init(settings: EgressSettings, clock: C, meter: any WorkMeter, background: any BackgroundTaskStarter) {
        self.settings = settings
        self.clock = clock
        self.meter = meter
        self.background = background
    }

    /// True once a permit is held (call `release(bytes:)` after), false when the request is shed: the queue was
    /// full, or its wait ran out.
    func acquire(bytes: Int) async -> Bool {
        if inUse < settings.permits {
            inUse += 1
            meter.begin(bytes: bytes)
            return true
        }
        guard waiters.count < settings.queueCapacity else { return false }
        meter.begin(bytes: bytes)
        let deadline = clock.now.advanced(by: settings.maxQueueWait)
        // determinism: ok, resumed by release or the sweeper on the simulation's thread
        let admitted = await withCheckedContinuation { continuation in // determinism: ok
            waiters.append(Waiter(continuation: continuation, deadline: deadline, bytes: bytes))
            startSweeperIfNeeded()
        }
        if !admitted { meter.end(bytes: bytes) }
        return admitted
    }

    /// Gives the permit back: the first waiter takes it.
    func release(bytes: Int) {
        meter.end(bytes: bytes)
        if let next = waiters.popFirst() {
            next.continuation.resume(returning: true)
        } else {
            inUse -= 1
        }
    }

    /// Sheds waiters whose wait ran out; every waiter waits as long, so the first one's deadline is the earliest.
    private func startSweeperIfNeeded() {
        guard !sweeping else { return }
        sweeping = true
        background.start("egress admission sweeper") { [self] in await sweep() }
    }

    private func sweep() async {
        // A cancelled sweeper (its process is gone) stops: its sleeps would no longer wait.
        while let first = waiters.first, !Task.isCancelled {
            if clock.now < first.deadline {
                try? await clock.sleep(until: first.deadline, tolerance: nil)
                continue
            }
            _ = waiters.popFirst()
            first.continuation.resume(returning: false)
        }
        sweeping = false
    }
}
