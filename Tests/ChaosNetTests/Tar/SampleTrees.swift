import ChaosNet

/// Archives shaped like Kubo `get` output, covering every header form the writer produces.
enum SampleTrees {
    static let longDirectory = "QmRoot/" + String(repeating: "deep-directory-name/", count: 6)
    static let longBaseName = String(repeating: "long-file-name-", count: 10) + ".bin"

    /// A root directory with files at the block-size boundaries, nested directories, symlinks,
    /// a path split into ustar prefix and name, a name that needs pax, non-ASCII names and a long link.
    static func mixed(bigFileCount: Int = 1 << 20) -> [ArchivedItem] {
        var items: [ArchivedItem] = [
            ArchivedItem(entry: .directory("QmRoot")),
            ArchivedItem(entry: .file("QmRoot/empty", size: 0)),
        ]
        for (index, size) in [1, 511, 512, 513].enumerated() {
            items.append(file("QmRoot/size-\(size)", count: size, seed: UInt8(index + 2)))
        }
        items += [
            file("QmRoot/big.bin", count: bigFileCount, seed: 9, mode: 0o755),
            ArchivedItem(entry: .directory("QmRoot/sub", mode: 0o700)),
            ArchivedItem(entry: .symlink("QmRoot/sub/up", target: "../size-1")),
        ]
        // Every level of the long directory is its own entry, as in a Kubo archive.
        for depth in 1...6 {
            let directory = "QmRoot/" + String(repeating: "deep-directory-name/", count: depth)
            items.append(ArchivedItem(entry: .directory(String(directory.dropLast()))))
        }
        items += [
            file(longDirectory + "split.txt", count: 100, seed: 11),
            file("QmRoot/" + longBaseName, count: 2000, seed: 12),
            ArchivedItem(entry: .directory("QmRoot/données")),
            file("QmRoot/données/é—ü.txt", count: 33, seed: 13),
            ArchivedItem(entry: .symlink("QmRoot/far", target: longBaseName)),
            ArchivedItem(entry: .symlink("QmRoot/accent", target: "données/é—ü.txt")),
        ]
        return items
    }

    static func file(_ path: String, count: Int, seed: UInt8, mode: UInt32 = 0o644) -> ArchivedItem {
        ArchivedItem(
            entry: .file(path, size: UInt64(count), mode: mode), content: patternBytes(count: count, seed: seed))
    }
}

extension SampleTrees {
    /// The mixed tree without the members plain ustar cannot hold (a 154-byte base name, a long link target).
    static func ustarCompatible(bigFileCount: Int = 1 << 20) -> [ArchivedItem] {
        mixed(bigFileCount: bigFileCount).filter { item in
            !item.entry.path.hasSuffix(longBaseName) && item.entry.linkTarget != longBaseName
        }
    }
}
