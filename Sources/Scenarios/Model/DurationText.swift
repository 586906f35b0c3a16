/// Durations as scenario files write them: a decimal number and a unit, no space ("90s", "5m", "250ms", "1.5s",
/// "2h", "100us", "10ns"), or a bare `0`.
///
/// Units are explicit because a bare number is ambiguous (seconds in one tool, milliseconds in the next), and the
/// value must be a whole number of nanoseconds, the simulator's clock resolution.
public enum DurationText {
    /// The units, largest first, with their length in nanoseconds.
    static let units: [(name: String, nanoseconds: Int64)] = [
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000),
        ("ns", 1),
    ]

    /// The duration `text` denotes, or nil if it is not one (negative, no unit, unknown unit, a space, too large).
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        let (number, unitName) = DecimalAmount.splitNumberAndUnit(text)
        guard let unit = units.first(where: { $0.name == unitName }),
              let nanoseconds = DecimalAmount.scaled(number, by: unit.nanoseconds)
        else { return nil }
        return .nanoseconds(nanoseconds)
    }

    /// The shortest text `parse` reads back as `duration`: the largest unit that divides it ("90s", not "1.5m";
    /// "1500ms" for 1.5 s). Durations finer than a nanosecond, which files cannot express, are shown in seconds.
    public static func format(_ duration: Duration) -> String {
        if duration < .zero { return "-" + format(.zero - duration) }
        let (seconds, attoseconds) = duration.components
        let (secondsInNanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard attoseconds % 1_000_000_000 == 0, !overflow,
              case let (total, sumOverflow) = secondsInNanoseconds.addingReportingOverflow(attoseconds / 1_000_000_000),
              !sumOverflow
        else {
            let fraction = fractionDigits(attoseconds)
            return fraction.isEmpty ? "\(seconds)s" : "\(seconds).\(fraction)s"
        }
        if total == 0 { return "0s" }
        let unit = units.first { total % $0.nanoseconds == 0 } ?? units[units.count - 1]
        return "\(total / unit.nanoseconds)\(unit.name)"
    }

    /// The 18 digits of an attosecond count, without trailing zeros.
    private static func fractionDigits(_ attoseconds: Int64) -> String {
        let digits = String(attoseconds)
        let padded = String(repeating: "0", count: max(0, 18 - digits.count)) + digits
        return String(padded.reversed().drop { $0 == "0" }.reversed())
    }
}
