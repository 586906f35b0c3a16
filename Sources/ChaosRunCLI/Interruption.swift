import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C during a sweep: the first SIGINT asks the sweep to stop handing out seeds and to write what finished; a
/// second one ends the process at once. `serve` also takes SIGTERM: it closes its listeners and connections.
enum Interruption {
    private static let requested = Atomic<Bool>(false)

    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    static func install(signals names: [Int32] = [SIGINT]) {
        // A parent may have started us with SIGINT blocked (test runners and some CI agents do); unblock it here, on
        // the thread that goes on to start the pool's threads, which inherit the mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        for name in names { sigaddset(&signals, name) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        for name in names {
            signal(name) { number in
                if Interruption.requested.exchange(true, ordering: .relaxed) { _exit(128 + number) }
            }
        }
        // A worker that dies while we write to it must not take the parent with it.
        signal(SIGPIPE, SIG_IGN)
    }
}
