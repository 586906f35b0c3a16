extension VariantName {
    /// The component's own variant of this name: drivers declare their variants as the component's cases, so the
    /// runner (which only runs declared variants) never hands a driver a name its component lacks.
    public func component<Variant: RawRepresentable>(_ type: Variant.Type) -> Variant where Variant.RawValue == String {
        guard let variant = Variant(rawValue: rawValue) else {
            preconditionFailure("variant '\(rawValue)' is not a case of \(Variant.self)")
        }
        return variant
    }
}
