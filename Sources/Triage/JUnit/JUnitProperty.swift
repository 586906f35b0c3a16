/// A `<property name= value=>` of a testcase or suite; Testmo-style files put the value in the element's text.
public struct JUnitProperty: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
