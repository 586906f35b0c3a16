extension InvariantName {
    /// Every service id taken from the counter belongs to a created service.
    public static let noBurnedIDs: InvariantName = "no_burned_ids"
}
