import Scenarios
import Testing

/// ddmin on predicates whose answer is known: which items make a list "fail".
@Suite("Delta debugging")
struct DeltaDebuggingTests {
    /// A predicate that fails when the list holds all of `culprits`, and counts its calls.
    final class Culprits {
        let culprits: Set<Int>
        var tests = 0
        var testsMax = Int.max

        init(_ culprits: Set<Int>) {
            self.culprits = culprits
        }

        func isFailing(_ items: [Int]) -> Bool? {
            guard tests < testsMax else { return nil }
            tests += 1
            return culprits.isSubset(of: items)
        }
    }

    @Test("one culprit among 64 items is found in about 2·log2(64) tests", arguments: [0, 17, 31, 32, 63])
    func oneCulprit(culprit: Int) {
        let predicate = Culprits([culprit])
        let result = DeltaDebugging.minimize(Array(0..<64), isFailing: predicate.isFailing)
        #expect(result.items == [culprit])
        #expect(result.complete)
        #expect(predicate.tests <= 12, "\(predicate.tests) tests")
    }

    @Test("culprits that fail only together are all kept, in the list's order", arguments: [
        [3, 4], [0, 63], [5, 20, 40], [1, 2, 3, 4, 5, 6, 7, 8],
    ])
    func culpritsTogether(culprits: [Int]) {
        let predicate = Culprits(Set(culprits))
        let result = DeltaDebugging.minimize(Array(0..<64).reversed(), isFailing: predicate.isFailing)
        #expect(result.items == culprits.sorted().reversed())
        #expect(result.complete)
    }

    @Test("the result is 1-minimal: removing any one item passes")
    func oneMinimal() {
        // Fails when it holds an even number of at least two multiples of 5: many minimal answers, any 1-minimal one
        // will do.
        let isFailing = { (items: [Int]) -> Bool? in
            let fives = items.filter { $0 % 5 == 0 }
            return fives.count >= 2 && fives.count % 2 == 0
        }
        let result = DeltaDebugging.minimize(Array(1...40), isFailing: isFailing)
        #expect(isFailing(result.items) == true)
        for index in result.items.indices {
            var smaller = result.items
            smaller.remove(at: index)
            #expect(isFailing(smaller) == false, "\(result.items) without \(result.items[index])")
        }
    }

    @Test("a list of one item, or a list that fails only whole, comes back as it is")
    func nothingToRemove() {
        #expect(DeltaDebugging.minimize([7]) { _ in Issue.record("no test expected"); return true }.items == [7])
        let whole = Culprits(Set(0..<10))
        #expect(DeltaDebugging.minimize(Array(0..<10), isFailing: whole.isFailing).items == Array(0..<10))
    }

    @Test("when the tests run out, the smallest failing list found so far comes back, marked incomplete")
    func budgetRunsOut() {
        let predicate = Culprits([41])
        predicate.testsMax = 3
        let result = DeltaDebugging.minimize(Array(0..<64), isFailing: predicate.isFailing)
        #expect(!result.complete)
        #expect(predicate.tests == 3)
        #expect(result.items.contains(41) && result.items.count < 64, "\(result.items)")
        // 0..<32 passes, 32..<64 fails, 32..<48 fails; the fourth test is refused.
        #expect(result.items == Array(32..<48))
    }
}
