/// Bad input found while a command runs (a missing path, an unreadable file): reported as `Error: …` with exit
/// code 2, without the usage text that a mistyped flag gets.
struct BadInput: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
