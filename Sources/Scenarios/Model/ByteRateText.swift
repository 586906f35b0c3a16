/// Rates as scenario files write them: a size (see `ByteSizeText`) per second, e.g. "2MiB/s", "100KB/s".
///
/// The `/s` is required so that a rate never reads as a size by mistake.
public enum ByteRateText {
    /// Bytes per second, or nil if `text` is not a rate.
    public static func parse(_ text: String) -> Int? {
        guard text.hasSuffix("/s") else { return nil }
        return ByteSizeText.parse(String(text.dropLast(2)))
    }

    /// The text `parse` reads back as `bytesPerSecond` ("2MiB/s").
    public static func format(_ bytesPerSecond: Int) -> String {
        ByteSizeText.format(bytesPerSecond) + "/s"
    }
}
