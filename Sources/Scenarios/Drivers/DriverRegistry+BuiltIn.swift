extension DriverRegistry {
    /// ChaosNet's own components. Adding a component is its folder in `ChaosComponents`, its driver's folder here,
    /// and one line in this list.
    public static let builtIn = DriverRegistry([
        ServiceManagerDriver(),
        DownloaderDriver(),
        DownloadQueueDriver(),
        EgressRecorderDriver(),
        CacheManagerDriver(),
        ConnectionManagerDriver(),
    ])
}
