import ArgumentParser
import Scenarios

/// `--variant`: one variant of the file's component, or every variant the file declares.
struct VariantOption: ParsableArguments {
    @Option(help: "Only this variant; it must be one the file declares. Default: every declared variant.")
    var variant: VariantName?
}
