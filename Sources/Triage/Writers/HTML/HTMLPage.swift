/// The shell of a self-contained report page: inline CSS, no script, and a Content-Security-Policy that forbids every
/// fetch, so the page renders the same offline, from a CI artifact or an e-mail attachment, and can load nothing.
enum HTMLPage {
    static func render(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscaping.text(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    /// Colours by verdict and by outcome kind: passes recede, damage and crashes stand out.
    static let style = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; color: #1d2330; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #d5d9e0; }
        table { border-collapse: collapse; margin: 8px 0; } th, td { padding: 4px 10px; text-align: left; }
        th { background: #eef1f5; } tr:nth-child(even) td { background: #f7f8fa; } td.num { text-align: right; }
        code { background: #eef1f5; padding: 1px 4px; border-radius: 3px; font-size: 12px; }
        .met { color: #1a7f37; } .unmet { color: #c0262d; font-weight: 600; }
        .chart text { font-size: 11px; fill: #1d2330; } .chart .axis, .chart .whisker { stroke: #1d2330; }
        .chart .whisker { stroke-width: 2; }
        .verdict-stable { fill: #4caf50; } .verdict-flaky { fill: #f0a020; } .verdict-damaging { fill: #c0262d; }
        .verdict-broken { fill: #6a1b9a; } .verdict-rerun { fill: #3b6fd8; }
        .outcome-pass { fill: #cfe8d2; } .outcome-unknown { fill: #e4e6ea; } .outcome-transient { fill: #f0a020; }
        .outcome-damaging { fill: #c0262d; } .outcome-hang, .outcome-timeout { fill: #8d5a2b; }
        .outcome-crash, .outcome-violation { fill: #1d2330; }
        .outcome-retried { fill: #f0a020; } .outcome-failed { fill: #c0262d; } .outcome-skipped { fill: #9aa3b0; }
        .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
        .legend .outcome-pass { background: #cfe8d2; } .legend .outcome-transient { background: #f0a020; }
        .legend .outcome-damaging { background: #c0262d; } .legend .outcome-hang { background: #8d5a2b; }
        .legend .outcome-crash { background: #1d2330; } .legend .outcome-unknown { background: #e4e6ea; }
        .legend .outcome-retried { background: #f0a020; } .legend .outcome-failed { background: #c0262d; }
        .legend .outcome-skipped { background: #9aa3b0; }
        """

    /// The legend of `SVGOutcomeStrip`'s colours.
    static let outcomeLegend = legend([
        ("pass", "pass"), ("transient", "transient"), ("damaging", "damaging"), ("hang", "hang or timeout"),
        ("crash", "crash or violation"),
    ])

    /// The legend of a CI test's executions (`TriageHTMLReport`).
    static let executionLegend = legend([
        ("pass", "passed"), ("retried", "passed on retry"), ("failed", "failed"), ("skipped", "skipped"),
    ])

    private static func legend(_ entries: [(String, String)]) -> String {
        "<p class=\"legend\">" + entries.map { "<span class=\"outcome-\($0.0)\"></span>\($0.1)" }.joined() + "</p>"
    }
}
