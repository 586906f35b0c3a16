/// Reads a variant name (`naive` or `robust`).
enum VariantDecoder {
    static func decode(_ node: LocatedNode) throws(ScenarioFileError) -> ComponentVariant {
        let text = try node.scalarText(expected: "a variant (naive or robust)")
        guard let variant = ComponentVariant(rawValue: text) else {
            let names = ComponentVariant.allCases.map(\.rawValue)
            let hint = SpellingSuggestion.hint(for: text, among: names, listLabel: "variants")
            throw node.error("unknown variant '\(text)'\(hint)")
        }
        return variant
    }
}
