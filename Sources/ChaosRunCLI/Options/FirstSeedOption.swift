import ArgumentParser

/// `--first-seed`: where a range of seeds starts.
struct FirstSeedOption: ParsableArguments {
    @Option(help: "The first seed; seeds run from here upward (default: the file's first_seed, or 1).")
    var firstSeed: UInt64?
}
