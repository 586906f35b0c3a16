/// Reads `expectations:`, a mapping from variant to the failure rates a sweep of it must show.
enum ExpectationsDecoder {
    static let keys = ["min_failure_rate", "max_failure_rate", "max_damaging_rate"]

    /// Expectations come out in the file's order; only the workload's `variants` may have one.
    static func decode(
        _ node: LocatedNode?, variants: [VariantName], driver: any ComponentDriver
    ) throws(ScenarioFileError) -> [VariantExpectation] {
        guard let node else { return [] }
        let mapping = try node.mapping("expectations", allowedKeys: nil)
        var expectations: [VariantExpectation] = []
        for entry in mapping.entries {
            let variant = try WorkloadDecoder.decodeVariant(entry.keyNode, of: driver)
            guard variants.contains(variant) else {
                throw entry.keyNode.error("expectation for variant '\(variant)', which the workload does "
                    + "not run; its variants: \(variants.map(\.rawValue).joined(separator: ", "))")
            }
            var expectation = VariantExpectation(variant: variant)
            if !entry.value.isNull {
                let rates = try entry.value.mapping("the expectation of '\(variant)'", allowedKeys: keys)
                expectation.minFailureRate = try rates.value("min_failure_rate")?.probability()
                expectation.maxFailureRate = try rates.value("max_failure_rate")?.probability()
                expectation.maxDamagingRate = try rates.value("max_damaging_rate")?.probability()
                if let low = expectation.minFailureRate, let high = expectation.maxFailureRate, low > high {
                    throw (rates.value("min_failure_rate") ?? rates.node).error(
                        "'min_failure_rate' (\(low)) must not exceed 'max_failure_rate' (\(high))")
                }
            }
            expectations.append(expectation)
        }
        return expectations
    }
}
