/// Probabilities as scenario files write them: a number in 0...1 ("0.3", "1") or a percentage ("30%", "0.5%").
///
/// Percentages are converted by shifting the decimal exponent, not by dividing a `Double`, so that "0.1%" is
/// exactly the `Double` nearest 0.001, the same value a Swift literal `0.001` gives.
public enum ProbabilityText {
    /// The probability `text` denotes, or nil if it is not a number in 0...1 or a percentage in 0%...100%.
    public static func parse(_ text: String) -> Double? {
        let isPercentage = text.hasSuffix("%")
        let number = isPercentage ? String(text.dropLast()) : text
        guard !number.isEmpty, number.allSatisfy({ $0.isASCIIDigit || ".eE-+".contains($0) }),
              number.first?.isASCIIDigit == true || number.first == "."
        else { return nil }
        guard let value = Double(isPercentage ? number + "e-2" : number), value.isFinite,
              (0...1).contains(value)
        else { return nil }
        return value
    }

    /// The text `parse` reads back as exactly `probability`: a percentage with as few decimals as that takes
    /// ("40%", "0.1%"), else the shortest decimal that round-trips.
    public static func format(_ probability: Double) -> String {
        let percent = probability * 100
        var scale = 1.0
        for _ in 0...12 {
            let rounded = (percent * scale).rounded() / scale
            var text = String(rounded)
            if text.hasSuffix(".0") { text.removeLast(2) }
            if !text.contains("e"), parse(text + "%") == probability { return text + "%" }
            scale *= 10
        }
        return String(probability)
    }
}
