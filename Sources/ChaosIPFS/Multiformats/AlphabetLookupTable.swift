/// The reverse of an encoding alphabet: for each ASCII byte, its index in `alphabet`, or 0xff when the byte is not in
/// the alphabet. Decoders look digits up in it instead of searching the alphabet.
func alphabetLookupTable(_ alphabet: [UInt8]) -> [UInt8] {
    var table = [UInt8](repeating: 0xff, count: 256)
    for (index, byte) in alphabet.enumerated() {
        table[Int(byte)] = UInt8(index)
    }
    return table
}
