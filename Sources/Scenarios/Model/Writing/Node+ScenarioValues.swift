import ChaosNet
import Yams

/// The YAML nodes a scenario file is written with: values in the units the loader reads ("80ms", "200KiB", "40%"),
/// strings quoted only where YAML would read them as something else, and mappings in the style asked for.
///
/// A key whose value is nil is left out, which is how writers omit a value equal to its default.
extension Node {
    /// As `DurationText.format`, except that a duration of a second or more that is not a whole number of seconds
    /// is written in decimal seconds ("45.726s" rather than "45726ms"), as people read window times.
    static func duration(_ duration: Duration) -> Node {
        let nanoseconds = duration.nanosecondsClamped
        let second: Int64 = 1_000_000_000
        let inSeconds = nanoseconds >= second && nanoseconds % second != 0 && nanoseconds < .max
        return plain(inSeconds ? duration.formattedSeconds : DurationText.format(duration))
    }

    static func size(_ bytes: Int) -> Node { plain(ByteSizeText.format(bytes)) }
    static func rate(_ bytesPerSecond: Int) -> Node { plain(ByteRateText.format(bytesPerSecond)) }
    static func probability(_ probability: Double) -> Node { plain(ProbabilityText.format(probability)) }
    /// Plain, as the loader requires: a quoted number is a string.
    static func integer(_ value: Int) -> Node { plain(String(value)) }

    /// A scalar written as is; libyaml still quotes it if the text cannot be plain (`a: b`, a leading `-`).
    static func plain(_ text: String) -> Node { Node(text, .implicit, .plain) }

    /// A string the loader must read back as this string: plain when YAML resolves the plain text to a string,
    /// double-quoted when it would be a null, a boolean or a number (`null`, `yes`, `3`).
    static func text(_ text: String) -> Node {
        Resolver.default.resolveTag(of: Node(text)) == .str ? plain(text) : Node(text, .implicit, .doubleQuoted)
    }

    static func flow(_ pairs: [(String, Node?)]) -> Node { mapping(pairs, style: .flow) }
    static func block(_ pairs: [(String, Node?)]) -> Node { mapping(pairs, style: .block) }
    static func flowList(_ items: [Node]) -> Node { Node(items, .implicit, .flow) }
    static func blockList(_ items: [Node]) -> Node { Node(items, .implicit, .block) }

    private static func mapping(_ pairs: [(String, Node?)], style: Node.Mapping.Style) -> Node {
        Node(pairs.compactMap { key, value in value.map { (text(key), $0) } }, .implicit, style)
    }
}
