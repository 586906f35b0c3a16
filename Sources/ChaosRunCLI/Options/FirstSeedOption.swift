import ArgumentParser

/// `--first-seed`: where a range of seeds starts.
struct FirstSeedOption: ParsableArguments {
    @Option(help: "The first seed; seeds run from here upward.")
    var firstSeed: UInt64 = 1
}
