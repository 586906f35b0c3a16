import Foundation

/// A run's time as written (ISO 8601, as JUnit `timestamp=` and manifests use it) and as seconds, so runs can be
/// ordered. Parsed here rather than with a date formatter: the forms are few, and this stays Sendable and exact.
public struct RunTimestamp: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var text: String
    /// Seconds since 1970-01-01T00:00:00Z; a time without a zone is read as UTC (see `hasZone`).
    public var secondsSinceEpoch: Double
    /// False for local times without an offset (jest-junit, Surefire write those): ordering across machines in
    /// different zones is then approximate.
    public var hasZone: Bool

    /// `yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM|±HHMM]` (a space may replace the `T`); nil for anything else.
    public init?(_ text: String) {
        // Surefire's TestNG reports end in " UTC" (Apache Pulsar's CI); that is the zone Z.
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(" UTC") || trimmed.hasSuffix(" GMT") { trimmed = String(trimmed.dropLast(4)) + "Z" }
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10]), let hour = Self.number(bytes[11..<13]),
            let minute = Self.number(bytes[14..<16]), let second = Self.number(bytes[17..<19]),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offsetSeconds = 0
        var hasZone = false
        if index < bytes.count {
            hasZone = true
            if bytes[index] == UInt8(ascii: "Z") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                let rest = bytes[(index + 1)...].filter { $0 != UInt8(ascii: ":") }
                guard rest.count == 4, let hours = Self.number(rest[...].prefix(2)),
                    let minutes = Self.number(rest[...].suffix(2)), hours < 24, minutes < 60
                else { return nil }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
                index = bytes.count
            }
            guard index == bytes.count else { return nil }
        }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        self.text = text
        self.secondsSinceEpoch = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        self.hasZone = hasZone
    }

    public var description: String { text }

    public static func < (lhs: RunTimestamp, rhs: RunTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func number(_ bytes: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard let digit = digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return bytes.isEmpty ? nil : value
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
