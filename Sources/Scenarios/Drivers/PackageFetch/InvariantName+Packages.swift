extension InvariantName {
    /// No service or target directory exists unless it holds the complete package.
    public static let noPartialDirectories: InvariantName = "no_partial_directories"
    /// No staging directory is left beside a target.
    public static let noStagingLeftovers: InvariantName = "no_staging_leftovers"
}
