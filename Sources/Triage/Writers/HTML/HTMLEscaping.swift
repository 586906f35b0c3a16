/// Escaping for HTML text and attribute values: every string that comes from a report (test names, failure
/// messages, file paths) goes through here, so a message containing `<script>` is shown, never run. XML's escaping
/// serves: its five entities are HTML5's too, and it already replaces the control characters HTML forbids.
enum HTMLEscaping {
    static func text(_ text: String) -> String { XMLEscaping.escapeText(text) }

    static func attribute(_ value: String) -> String { XMLEscaping.escape(value) }
}
