/// Zeller and Hildebrandt's delta debugging (ddmin, "Simplifying and Isolating Failure-Inducing Input", 2002): the
/// smallest sublist of a failing list that still fails, found by testing halves, then complements, then finer
/// splits, so that a few relevant items among many cost about log n tests each.
public enum DeltaDebugging {
    /// A 1-minimal sublist of `items` (removing any one more item makes it pass), in the items' order.
    ///
    /// `items` must fail, and the empty list is assumed to pass (test it first if it might not). `isFailing` returns
    /// nil when it can test no more (a budget is spent): the search then stops, returning the smallest failing list
    /// found so far with `complete` false.
    public static func minimize<Element>(
        _ items: [Element], isFailing: ([Element]) -> Bool?
    ) -> (items: [Element], complete: Bool) {
        var current = items
        var granularity = 2
        while current.count >= 2 {
            let chunks = split(current, into: granularity)
            var reduced = false
            for chunk in chunks {
                guard let fails = isFailing(chunk) else { return (current, false) }
                if fails {
                    current = chunk
                    granularity = 2
                    reduced = true
                    break
                }
            }
            // With two chunks, each complement is the other chunk, already tested.
            if !reduced, granularity > 2 {
                for index in chunks.indices {
                    let complement = chunks.enumerated().filter { $0.offset != index }.flatMap(\.element)
                    guard let fails = isFailing(complement) else { return (current, false) }
                    if fails {
                        current = complement
                        granularity = max(granularity - 1, 2)
                        reduced = true
                        break
                    }
                }
            }
            if !reduced {
                guard granularity < current.count else { break }
                granularity = min(granularity * 2, current.count)
            }
        }
        return (current, true)
    }

    /// `items` in `count` contiguous chunks of nearly equal size, in order.
    static func split<Element>(_ items: [Element], into count: Int) -> [[Element]] {
        (0..<count).map { index in
            Array(items[(index * items.count / count)..<((index + 1) * items.count / count)])
        }
    }
}
