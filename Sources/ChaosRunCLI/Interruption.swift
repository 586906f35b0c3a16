import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C during a sweep: the first SIGINT asks the sweep to stop handing out seeds and to write what finished; a
/// second one ends the process at once.
enum Interruption {
    private static let requested = Atomic<Bool>(false)

    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    static func install() {
        // A parent may have started us with SIGINT blocked (test runners and some CI agents do); unblock it here, on
        // the thread that goes on to start the pool's threads, which inherit the mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT) { _ in
            if Interruption.requested.exchange(true, ordering: .relaxed) { _exit(130) }
        }
        // A worker that dies while we write to it must not take the parent with it.
        signal(SIGPIPE, SIG_IGN)
    }
}
