/// Horizontal bars of rates with their confidence intervals as whiskers, one row per item: the "failure rate per test
/// (or variant) with its interval" chart of report.html. Drawn as inline SVG by our own code, so the page needs no
/// script and no network.
struct SVGIntervalChart {
    struct Row {
        var label: String
        /// In 0...1.
        var rate: Double
        var lower: Double
        var upper: Double
        /// A CSS class for the bar's colour (`verdict-flaky`, …).
        var styleClass: String

        init(label: String, rate: Double, lower: Double, upper: Double, styleClass: String) {
            (self.label, self.rate, self.lower, self.upper, self.styleClass) = (label, rate, lower, upper, styleClass)
        }

        /// A row from a report's `[lower, upper]`; a malformed one (read from disk) draws as the whole of [0, 1].
        init(label: String, rate: Double, interval: [Double], styleClass: String) {
            let bounds = interval.count == 2 ? interval : [0, 1]
            self.init(label: label, rate: rate, lower: bounds[0], upper: bounds[1], styleClass: styleClass)
        }
    }

    var rows: [Row]
    /// The axis ends at the smallest "nice" rate above every upper bound, so small rates stay readable.
    var axisMax: Double {
        let highest = rows.map(\.upper).max() ?? 0
        return Self.niceSteps.first { $0 >= highest } ?? 1
    }

    static let niceSteps: [Double] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]
    static let labelWidth = 260.0
    static let plotWidth = 440.0
    static let rowHeight = 26.0

    func render() -> String {
        let height = Double(rows.count) * Self.rowHeight + 30
        let width = Self.labelWidth + Self.plotWidth + 70
        var parts = [
            "<svg class=\"chart interval-chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">",
            "<title>Failure rate with its 95% interval</title>",
        ]
        let scale = Self.plotWidth / axisMax
        for (index, row) in rows.enumerated() {
            let y = Double(index) * Self.rowHeight + 4
            let x0 = Self.labelWidth
            parts.append("<text class=\"label\" x=\"\(fmt(x0 - 8))\" y=\"\(fmt(y + 14))\" text-anchor=\"end\">"
                + HTMLEscaping.text(Self.shorten(row.label)) + "</text>")
            parts.append("<rect class=\"bar \(row.styleClass)\" x=\"\(fmt(x0))\" y=\"\(fmt(y + 3))\" "
                + "width=\"\(fmt(max(1, row.rate * scale)))\" height=\"14\"><title>"
                + HTMLEscaping.text("\(row.label): \(ReportFormat.percent(row.rate)) "
                    + "[\(ReportFormat.percent(row.lower)), \(ReportFormat.percent(row.upper))]")
                + "</title></rect>")
            let whiskerY = fmt(y + 10)
            parts.append("<line class=\"whisker\" x1=\"\(fmt(x0 + row.lower * scale))\" y1=\"\(whiskerY)\" "
                + "x2=\"\(fmt(x0 + row.upper * scale))\" y2=\"\(whiskerY)\"/>")
            parts.append("<text class=\"value\" x=\"\(fmt(x0 + Self.plotWidth + 6))\" y=\"\(fmt(y + 14))\">"
                + HTMLEscaping.text(ReportFormat.percent(row.rate)) + "</text>")
        }
        let axisY = Double(rows.count) * Self.rowHeight + 8
        parts.append("<line class=\"axis\" x1=\"\(fmt(Self.labelWidth))\" y1=\"\(fmt(axisY))\" "
            + "x2=\"\(fmt(Self.labelWidth + Self.plotWidth))\" y2=\"\(fmt(axisY))\"/>")
        for tick in 0...4 {
            let value = axisMax * Double(tick) / 4
            let x = Self.labelWidth + value * scale
            parts.append("<text class=\"tick\" x=\"\(fmt(x))\" y=\"\(fmt(axisY + 16))\" text-anchor=\"middle\">"
                + HTMLEscaping.text(ReportFormat.percent(value)) + "</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Long labels keep their end, which is where test and variant names differ.
    static func shorten(_ label: String) -> String {
        label.count <= 40 ? label : "…" + label.suffix(39)
    }
}

/// A coordinate with at most two decimals, so the SVG stays small and byte-identical across runs.
func fmt(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
