/// Encoding and parsing of pax extended header records, `"<length> <key>=<value>\n"`.
enum TarPaxRecords {
    /// Encodes one record; the length counts the whole record, including its own digits.
    static func record(key: String, value: some Collection<UInt8>) -> [UInt8] {
        // " key=value\n" without the length digits.
        let bodyCount = 1 + key.utf8.count + 1 + value.count + 1
        var digitCount = decimalDigitCount(bodyCount)
        // Adding the digits can carry the total into one more digit (e.g. 9 + 95 = 104); one retry settles it.
        if decimalDigitCount(bodyCount + digitCount) != digitCount {
            digitCount += 1
        }
        var result: [UInt8] = []
        result.reserveCapacity(bodyCount + digitCount)
        result.append(contentsOf: String(bodyCount + digitCount).utf8)
        result.append(UInt8(ascii: " "))
        result.append(contentsOf: key.utf8)
        result.append(UInt8(ascii: "="))
        result.append(contentsOf: value)
        result.append(UInt8(ascii: "\n"))
        return result
    }

    private static func decimalDigitCount(_ value: Int) -> Int {
        String(value).utf8.count
    }

    /// Parses `data` into records and applies the ones this library understands to `fields`.
    ///
    /// `dataOffset` is the stream offset of `data`, for error positions. Unknown keys are ignored as
    /// POSIX requires; GNU sparse-file keys are refused because ignoring them would misread the content.
    /// An empty value removes an earlier override, again as POSIX requires.
    static func parse(
        _ data: [UInt8], dataOffset: UInt64, headerOffset: UInt64, into fields: inout TarExtendedFields
    ) throws(TarReadError) {
        var index = 0
        while index < data.count {
            if data[index...].allSatisfy({ $0 == 0 }) {
                // Some writers pad the record area with NULs; there is nothing after them to misread.
                return
            }
            let recordOffset = dataOffset + UInt64(index)
            let (length, spaceIndex) = try recordLength(data, from: index, recordOffset: recordOffset)
            let recordEnd = index + length
            guard data[recordEnd - 1] == UInt8(ascii: "\n") else {
                throw .badPaxRecord(offset: recordOffset, reason: "record does not end with a newline")
            }
            let body = data[(spaceIndex + 1)..<(recordEnd - 1)]
            guard let equals = body.firstIndex(of: UInt8(ascii: "=")), equals > body.startIndex else {
                throw .badPaxRecord(offset: recordOffset, reason: "record is not key=value")
            }
            try apply(
                key: body[..<equals], value: body[(equals + 1)...], recordOffset: recordOffset,
                headerOffset: headerOffset, to: &fields)
            index = recordEnd
        }
    }

    /// Reads the decimal length and checks it fits; returns it with the index of the following space.
    private static func recordLength(
        _ data: [UInt8], from start: Int, recordOffset: UInt64
    ) throws(TarReadError) -> (length: Int, spaceIndex: Int) {
        var index = start
        var length = 0
        while index < data.count, data[index] >= UInt8(ascii: "0"), data[index] <= UInt8(ascii: "9") {
            length = length * 10 + Int(data[index] - UInt8(ascii: "0"))
            guard length <= data.count else {
                throw .badPaxRecord(offset: recordOffset, reason: "record length exceeds the header size")
            }
            index += 1
        }
        guard index > start, index < data.count, data[index] == UInt8(ascii: " ") else {
            throw .badPaxRecord(offset: recordOffset, reason: "expected a decimal length followed by a space")
        }
        // The shortest meaningful record is "<digits> k=\n".
        guard length >= index - start + 4, start + length <= data.count else {
            throw .badPaxRecord(offset: recordOffset, reason: "record length \(length) does not fit the header")
        }
        return (length, index)
    }

    private static func apply(
        key: ArraySlice<UInt8>, value: ArraySlice<UInt8>, recordOffset: UInt64, headerOffset: UInt64,
        to fields: inout TarExtendedFields
    ) throws(TarReadError) {
        if key.elementsEqual("path".utf8) {
            fields.path = value.isEmpty ? nil : Array(value)
        } else if key.elementsEqual("linkpath".utf8) {
            fields.linkpath = value.isEmpty ? nil : Array(value)
        } else if key.elementsEqual("size".utf8) {
            fields.size = value.isEmpty ? nil : try decimal(value, key: "size", recordOffset: recordOffset)
        } else if key.elementsEqual("mtime".utf8) {
            fields.mtime = value.isEmpty ? nil : try seconds(value, recordOffset: recordOffset)
        } else if key.starts(with: "GNU.sparse.".utf8) {
            throw .unsupportedEntryType(
                offset: headerOffset, typeflag: TarTypeflag.paxExtended, description: "GNU sparse file")
        }
    }

    /// Parses an unsigned decimal integer that fits in 64 bits.
    private static func decimal(
        _ text: ArraySlice<UInt8>, key: String, recordOffset: UInt64
    ) throws(TarReadError) -> UInt64 {
        guard !text.isEmpty, text.count <= 20 else {
            throw .badPaxRecord(offset: recordOffset, reason: "\(key) is not a decimal number")
        }
        var value: UInt64 = 0
        for byte in text {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .badPaxRecord(offset: recordOffset, reason: "\(key) is not a decimal number")
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else {
                throw .badPaxRecord(offset: recordOffset, reason: "\(key) does not fit in 64 bits")
            }
            value = sum
        }
        return value
    }

    /// Parses a pax time, `seconds[.fraction]`, keeping whole seconds; times before 1970 are refused.
    private static func seconds(_ text: ArraySlice<UInt8>, recordOffset: UInt64) throws(TarReadError) -> UInt64 {
        let dot = text.firstIndex(of: UInt8(ascii: ".")) ?? text.endIndex
        let fraction = text[dot...].dropFirst()
        guard fraction.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .badPaxRecord(offset: recordOffset, reason: "mtime is not a non-negative decimal time")
        }
        do {
            return try decimal(text[..<dot], key: "mtime", recordOffset: recordOffset)
        } catch {
            throw .badPaxRecord(offset: recordOffset, reason: "mtime is not a non-negative decimal time")
        }
    }
}
