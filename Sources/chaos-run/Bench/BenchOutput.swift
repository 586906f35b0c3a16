import Foundation

/// Prints benchmark results as one JSON object per line, keys sorted, so lines diff cleanly between runs.
enum BenchOutput {
    static func printLine(_ fields: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8)
        else { return }
        print(text)
    }
}
