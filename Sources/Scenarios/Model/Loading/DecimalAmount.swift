/// Exact arithmetic on the decimal numbers of scenario files ("1.5" of "1.5s"), so that a quantity converts to whole
/// nanoseconds or bytes without the rounding a `Double` would bring ("0.1s" must be exactly 100 ms).
enum DecimalAmount {
    /// `text` (digits, optionally a point and more digits) times `unit`, if the product is a whole number that fits
    /// an `Int64`; nil for anything else (signs, exponents, spaces, fractions of the smallest unit).
    static func scaled(_ text: Substring, by unit: Int64) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        guard let whole = Int64(wholeText) else { return nil }
        let (wholeScaled, wholeOverflow) = whole.multipliedReportingOverflow(by: unit)
        guard !wholeOverflow else { return nil }
        guard parts.count == 2 else { return wholeScaled }
        let fractionText = parts[1].reversed().drop { $0 == "0" }.reversed()
        guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        guard !fractionText.isEmpty else { return wholeScaled }
        guard fractionText.count <= 18, let fraction = Int64(String(fractionText)) else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<fractionText.count { denominator *= 10 }
        // fraction × unit / denominator must be whole; divide first where possible to avoid overflow.
        let divisor = greatestCommonDivisor(unit, denominator)
        let reducedDenominator = denominator / divisor
        guard fraction % reducedDenominator == 0 else { return nil }
        let (fractionScaled, fractionOverflow) = (fraction / reducedDenominator).multipliedReportingOverflow(
            by: unit / divisor)
        guard !fractionOverflow else { return nil }
        let (sum, sumOverflow) = wholeScaled.addingReportingOverflow(fractionScaled)
        return sumOverflow ? nil : sum
    }

    /// Splits "1.5MiB" into its number ("1.5") and its unit ("MiB").
    static func splitNumberAndUnit(_ text: String) -> (number: Substring, unit: Substring) {
        let unitStart = text.firstIndex { !($0.isASCIIDigit || $0 == ".") } ?? text.endIndex
        return (text[..<unitStart], text[unitStart...])
    }

    private static func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

extension Character {
    /// Only 0-9: `isNumber` also accepts other scripts' digits and fractions like "½".
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
