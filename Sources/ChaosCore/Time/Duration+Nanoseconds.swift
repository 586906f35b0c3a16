extension Duration {
    /// The duration in whole nanoseconds, clamped to the `Int64` range (about ±292 years), which is the kernel's
    /// internal time unit.
    @inlinable
    public var nanosecondsClamped: Int64 {
        // Durations under 2^64 attoseconds (about 18.4 s) either way take a plain 64-bit division; `components` would
        // divide a 128-bit value twice. Timer-heavy code sleeps for short durations, so this is the hot path.
        if _high == 0 { return Int64(_low / 1_000_000_000) }
        if _high == -1, _low != 0 { return -Int64((0 &- _low) / 1_000_000_000) }
        return nanosecondsClampedSlowPath
    }

    @usableFromInline
    var nanosecondsClampedSlowPath: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return sum
    }

    /// The duration in seconds as a `Double`, for reports and distributions.
    public var secondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// A duration from a (possibly fractional) number of nanoseconds, clamped to the `Int64` range.
    public static func nanosecondsClamped(_ value: Double) -> Duration {
        if value.isNaN { return .zero }
        if value >= 9.2e18 { return .nanoseconds(Int64.max) }
        if value <= -9.2e18 { return .nanoseconds(Int64.min) }
        return .nanoseconds(Int64(value.rounded()))
    }
}
