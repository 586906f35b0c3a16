/// The version `--version` prints and partial reports record: `merge` refuses shards run by different versions,
/// which may measure differently.
enum ChaosRunVersion {
    static let current = "0.5.0"
}
