/// What a shrink has done so far, reported after each phase and each simplification it keeps.
public struct ShrinkProgress: Sendable, Equatable {
    /// Replays spent so far.
    public var replays: Int
    /// The budget.
    public var replaysMax: Int
    /// What happened, for people: `dropped resets, stalls (2 faults left)`.
    public var message: String
    /// The plan at this point.
    public var plan: FaultPlanSpec
}
