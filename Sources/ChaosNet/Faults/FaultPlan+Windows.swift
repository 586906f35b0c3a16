extension FaultPlan {
    /// The periods in which `fault` is active in the world seeded with `seed`, up to `horizon`, as windows: for
    /// episodes, the ones that world draws (from the fault's own stream, so no other fault changes them), the last
    /// one whole even if it ends after `horizon`.
    ///
    /// A fault whose episodes are replaced by these windows is active at exactly the same times up to `horizon` in
    /// that world, which is what lets a shrinker turn an on/off process into fixed windows without changing the run.
    /// Computed without a simulation: a stream depends only on the seed and its name.
    public static func activeWindows(of fault: Fault, seed: UInt64, through horizon: Duration) -> [FaultWindow] {
        activeWindows(of: fault.activity, stream: episodeStream(of: fault), seed: seed, through: horizon)
    }

    /// The periods in which the file-system `fault` is active in the world seeded with `seed`, up to `horizon`; see
    /// `activeWindows(of:seed:through:)` for network faults.
    public static func activeWindows(
        of fault: FileSystemFault, seed: UInt64, through horizon: Duration
    ) -> [FaultWindow] {
        activeWindows(of: fault.activity, stream: episodeStream(of: fault), seed: seed, through: horizon)
    }

    private static func activeWindows(
        of activity: FaultActivity, stream: String, seed: UInt64, through horizon: Duration
    ) -> [FaultWindow] {
        let schedule = FaultSchedule(activity: activity, random: SeededRandom(seed: seed, name: stream))
        let end = horizon.nanosecondsClamped
        _ = schedule.activePeriod(at: end)
        return schedule.periods
            .filter { $0.start <= end }
            .map { FaultWindow(start: .nanoseconds($0.start), end: .nanoseconds($0.end)) }
    }
}
