import Foundation

/// Number formatting for the human-readable reports. Uses `String(format:)`, which formats in the POSIX locale, so
/// reports read the same on every machine.
public enum ReportFormat {
    /// A rate as a percentage with two significant digits below 10% ("6.8%", "0.011%") and at most one decimal above.
    public static func percent(_ rate: Double) -> String {
        let value = rate * 100
        if value == 0 { return "0%" }
        if value >= 10 { return trimmed(String(format: "%.1f", value)) + "%" }
        if value >= 0.001 { return String(format: "%.2g", value) + "%" }
        return String(format: "%.1e", value) + "%"
    }

    /// An interval given as `[lower, upper]`, as "5.4%–8.5%"; "unknown" for anything else (a report read from disk
    /// may hold a malformed one).
    public static func percentRange(_ bounds: [Double]) -> String {
        guard bounds.count == 2 else { return "unknown" }
        return "\(percent(bounds[0]))–\(percent(bounds[1]))"
    }

    /// An interval given as `[lower, upper]`, as "[5.4%, 8.5%]", the form the console and policy reasons use;
    /// "unknown" for anything else.
    public static func percentInterval(_ bounds: [Double]) -> String {
        guard bounds.count == 2 else { return "unknown" }
        return "[\(percent(bounds[0])), \(percent(bounds[1]))]"
    }

    /// Seconds with at most three decimals, trailing zeros dropped: "30 s", "0.25 s".
    public static func seconds(_ seconds: Double) -> String {
        trimmed(String(format: "%.3f", seconds)) + " s"
    }

    /// A number as pytest writes it: an integer when whole ("5"), otherwise with at most three decimals.
    public static func number(_ value: Double) -> String {
        trimmed(String(format: "%.3f", value))
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}
