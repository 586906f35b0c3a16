import ChaosComponents
import Scenarios
import Testing

extension ScenarioFileLoaderTests {
    @Test("durations: number and unit, no space, whole nanoseconds", arguments: [
        ("90s", Duration.seconds(90)), ("5m", .seconds(300)), ("250ms", .milliseconds(250)),
        ("1.5s", .milliseconds(1500)), ("2h", .seconds(7200)), ("100us", .microseconds(100)),
        ("10ns", .nanoseconds(10)), ("0", .zero), ("0s", .zero), ("0.1s", .milliseconds(100)),
        ("1.25m", .seconds(75)), ("0.000000001s", .nanoseconds(1)),
    ])
    func goodDuration(_ text: String, _ expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test("texts that are not durations", arguments: [
        "", "5", "5 s", "5 sec", "5sec", "-5s", "+5s", "1.5ns", "s", ".5s", "5.s", "1e3s", "5S", "1,5s",
        "99999999999999999999h", "3000000h",
    ])
    func badDuration(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("format picks the largest unit that divides the duration and reads back", arguments: [
        (Duration.seconds(90), "90s"), (.seconds(300), "5m"), (.milliseconds(1500), "1500ms"), (.zero, "0s"),
        (.seconds(7200), "2h"), (.nanoseconds(7), "7ns"), (.microseconds(3), "3us"),
    ])
    func formatDuration(_ duration: Duration, _ expected: String) {
        #expect(DurationText.format(duration) == expected)
        #expect(DurationText.parse(expected) == duration)
    }

    @Test("sizes: bare bytes, decimal and binary units", arguments: [
        ("4MiB", 4 << 20), ("512KiB", 512 << 10), ("1GiB", 1 << 30), ("10MB", 10_000_000), ("100B", 100),
        ("100", 100), ("0", 0), ("1.5KiB", 1536), ("2KB", 2000), ("1GB", 1_000_000_000),
    ])
    func goodSize(_ text: String, _ expected: Int) {
        #expect(ByteSizeText.parse(text) == expected)
    }

    @Test("texts that are not sizes", arguments: [
        "", "4 MiB", "4mib", "4MIB", "-1", "1.5", "1.0001KiB", "MiB", "4TiB", "4Mi", "0x10", "1e3",
        "99999999999999999999",
    ])
    func badSize(_ text: String) {
        #expect(ByteSizeText.parse(text) == nil)
    }

    @Test("rates: a size per second", arguments: [
        ("2MiB/s", 2 << 20), ("100KB/s", 100_000), ("1B/s", 1), ("500/s", 500),
    ])
    func goodRate(_ text: String, _ expected: Int) {
        #expect(ByteRateText.parse(text) == expected)
    }

    @Test("texts that are not rates", arguments: ["2MiB", "2MiB/ s", "2MiB/sec", "/s", "2 MiB/s", "2MiB/h"])
    func badRate(_ text: String) {
        #expect(ByteRateText.parse(text) == nil)
    }

    @Test("probabilities: numbers in 0...1 and percentages", arguments: [
        ("0", 0.0), ("1", 1.0), ("0.25", 0.25), ("5%", 0.05), ("0.5%", 0.005), ("0.1%", 0.001), ("100%", 1.0),
        ("1e-3", 0.001),
    ])
    func goodProbability(_ text: String, _ expected: Double) {
        #expect(ProbabilityText.parse(text) == expected)
    }

    @Test("texts that are not probabilities", arguments: ["", "1.5", "-0.1", "150%", "5 %", "%", "nan", ".inf", "half"])
    func badProbability(_ text: String) {
        #expect(ProbabilityText.parse(text) == nil)
    }
}
