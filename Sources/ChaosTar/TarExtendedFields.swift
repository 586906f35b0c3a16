/// Overrides collected from pax and GNU long-name headers for the next member header.
struct TarExtendedFields {
    var path: [UInt8]?
    var linkpath: [UInt8]?
    var size: UInt64?
    var mtime: UInt64?
    var gnuLongName: [UInt8]?
    var gnuLongLink: [UInt8]?
}
