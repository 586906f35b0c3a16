/// What kind of failure a seed ended in. The kind decides whether a rerun may ever be used: only `transient` failures
/// leave the system intact, so only they are rerun; rerunning any other kind would hide a real defect.
///
/// Kinds compare by severity, least severe first: `transient < timeout < hang < damaging < violation < crash`.
/// Reports list the most severe signatures first, because those are the ones a person must look at.
public enum FailureKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// The workload failed but the system is intact; a rerun can pass (e.g. a 503 after the registry stayed down).
    case transient
    /// An invariant broke (partial directory, burned id, lost entry, escaped error). Never rerun: a rerun hides it.
    case damaging
    /// The simulation went quiescent with work unfinished.
    case hang
    /// The virtual-time limit ran out.
    case timeout
    /// A worker process trapped.
    case crash
    /// Determinism broke (e.g. a job enqueued from a foreign thread): the test itself cannot be trusted.
    case violation

    /// Higher is more severe. Crashes and determinism violations come first because they invalidate the run itself;
    /// damage comes next because it is a real defect in the system under test; hangs and timeouts may be either.
    public var severity: Int {
        switch self {
        case .transient: 0
        case .timeout: 1
        case .hang: 2
        case .damaging: 3
        case .violation: 4
        case .crash: 5
        }
    }

    /// Whether CI may rerun a failure of this kind. Only transient failures may be: any other kind is a defect a
    /// passing rerun would hide.
    public var mayBeRerun: Bool { self == .transient }

    public static func < (lhs: FailureKind, rhs: FailureKind) -> Bool { lhs.severity < rhs.severity }
}
