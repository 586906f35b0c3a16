extension Duration {
    /// `12.5s`, `0.000001s`: seconds with as many decimals as needed, for messages.
    public var formattedSeconds: String {
        let nanoseconds = nanosecondsClamped
        let whole = nanoseconds / 1_000_000_000
        var fraction = String(abs(nanoseconds % 1_000_000_000))
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = nanoseconds < 0 && whole == 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)s" : "\(sign)\(whole).\(fraction)s"
    }
}
