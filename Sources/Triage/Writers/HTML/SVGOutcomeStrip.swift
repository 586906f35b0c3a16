/// Outcomes per run on a timeline: one cell per run (a seed of a sweep, or a CI run of a test), in order, coloured by
/// outcome, wrapped into rows. Failures of each kind stand out against the passes, so clusters are visible at a glance.
public struct SVGOutcomeStrip {
    public struct Cell: Sendable, Equatable {
        /// What the cell's tooltip names: `seed 17`, a run's commit and time, ….
        public var label: String
        /// `pass` or a failure kind; also the cell's CSS class (`outcome-pass`, `outcome-damaging`, …).
        public var outcome: String

        public init(label: String, outcome: String) {
            self.label = label
            self.outcome = outcome
        }
    }

    var cells: [Cell]
    static let cellsPerRow = 100
    static let cellSize = 7.0

    func render() -> String {
        let rowCount = max(1, (cells.count + Self.cellsPerRow - 1) / Self.cellsPerRow)
        let width = Double(Self.cellsPerRow) * Self.cellSize
        let height = Double(rowCount) * Self.cellSize
        var parts = [
            "<svg class=\"chart outcome-strip\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">",
            "<title>Outcome of each run, in order</title>",
        ]
        // The quiet outcome (`pass`, or `unknown` in an interrupted sweep) is the background; only the other cells
        // are drawn, so a 10,000-seed strip with a few failures stays a few kilobytes.
        let quiet = cells.first { $0.outcome == "unknown" } != nil ? "unknown" : "pass"
        let quietCount = cells.count { $0.outcome == quiet }
        let fullRows = Double(cells.count / Self.cellsPerRow) * Self.cellSize
        let lastRowWidth = Double(cells.count % Self.cellsPerRow) * Self.cellSize
        parts.append("<g class=\"outcome-\(quiet)\"><title>\(quietCount) runs: \(quiet)</title>")
        if fullRows > 0 {
            parts.append("<rect x=\"0\" y=\"0\" width=\"\(fmt(width))\" height=\"\(fmt(fullRows))\"/>")
        }
        if lastRowWidth > 0 {
            parts.append("<rect x=\"0\" y=\"\(fmt(fullRows))\" width=\"\(fmt(lastRowWidth))\" "
                + "height=\"\(fmt(Self.cellSize))\"/>")
        }
        parts.append("</g>")
        for (index, cell) in cells.enumerated() where cell.outcome != quiet {
            let x = Double(index % Self.cellsPerRow) * Self.cellSize
            let y = Double(index / Self.cellsPerRow) * Self.cellSize
            parts.append("<rect class=\"outcome-\(HTMLEscaping.attribute(cell.outcome))\" x=\"\(fmt(x))\" "
                + "y=\"\(fmt(y))\" width=\"\(fmt(Self.cellSize))\" height=\"\(fmt(Self.cellSize))\">"
                + "<title>\(HTMLEscaping.text(cell.label + ": " + cell.outcome))</title></rect>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
