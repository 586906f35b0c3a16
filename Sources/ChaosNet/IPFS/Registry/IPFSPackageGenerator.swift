/// Turns an `IPFSPackageSpec` and a seeded random stream into a package tree such as `lib/mod-3/file-17.bin`.
///
/// Everything — directory placement, file sizes, content, symlink targets — is drawn from the one stream passed in,
/// in a fixed order, so the same seed and stream name give the same bytes (and so the same root CID) in any process.
public enum IPFSPackageGenerator {
    /// Names of the first directory level; deeper levels are `mod-<n>`, then `part-<n>`.
    static let topLevelNames = ["lib", "bin", "share", "include"]
    /// How many distinct names each deeper level draws from, so that files share directories.
    static let namesPerLevel = 4

    /// Generates the package tree.
    public static func tree(for spec: IPFSPackageSpec, random: SeededRandom) -> IPFSContentTree {
        // Placement first, then sizes, then content: each phase draws a count of values fixed by the spec.
        var directories: [[String]] = []
        for _ in 0..<spec.fileCount {
            let depth = random.uniform(below: spec.depthMax + 1)
            var components: [String] = []
            for level in 0..<depth {
                switch level {
                case 0: components.append(topLevelNames[random.uniform(below: topLevelNames.count)])
                case 1: components.append("mod-\(random.uniform(below: namesPerLevel))")
                default: components.append("part-\(random.uniform(below: namesPerLevel))")
                }
            }
            directories.append(components)
        }
        let sizes = splitSizes(total: spec.byteCount, count: spec.fileCount, random: random)
        let root = DirectoryNode()
        var filePaths: [String] = []
        for index in 0..<spec.fileCount {
            let name = "file-\(index).bin"
            root.insert(components: directories[index], name: name, tree: .file(bytes(sizes[index], random: random)))
            filePaths.append((directories[index] + [name]).joined(separator: "/"))
        }
        for index in 0..<spec.symlinkCount {
            let target = filePaths[random.uniform(below: filePaths.count)]
            root.insert(components: [], name: "link-\(index)", tree: .symlink(target: target))
        }
        return root.tree
    }

    /// Splits `total` bytes into `count` random shares that sum to exactly `total`.
    static func splitSizes(total: Int, count: Int, random: SeededRandom) -> [Int] {
        let weights = (0..<count).map { _ in UInt64(1 + random.uniform(below: 1024)) }
        let weightSum = weights.reduce(0, +)
        // total ≤ 2^30 and weights ≤ 2^10 each, so the products fit in 64 bits.
        var sizes = weights.map { Int(UInt64(total) * $0 / weightSum) }
        var remainder = total - sizes.reduce(0, +)
        var index = 0
        while remainder > 0 {
            sizes[index % count] += 1
            remainder -= 1
            index += 1
        }
        return sizes
    }

    /// `count` bytes from the stream, eight per draw, in little-endian order on every platform. Whole words are
    /// stored at once: a per-byte loop here measured as a quarter of a seeded service creation.
    static func bytes(_ count: Int, random: SeededRandom) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var offset = 0
            while offset + 8 <= count {
                raw.storeBytes(of: random.next().littleEndian, toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            if offset < count {
                let word = random.next()
                for shift in 0..<(count - offset) {
                    raw[offset + shift] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(shift)))
                }
            }
            initialized = count
        }
    }

    /// A directory under construction; entries keep insertion order, the index only finds them by name.
    private final class DirectoryNode {
        private enum Item {
            case directory(DirectoryNode)
            case leaf(IPFSContentTree)
        }

        private var items: [(name: String, item: Item)] = []
        private var indexByName: [String: Int] = [:]

        func insert(components: [String], name: String, tree: IPFSContentTree) {
            guard let first = components.first else {
                precondition(indexByName[name] == nil, "generated names are unique")
                indexByName[name] = items.count
                items.append((name, .leaf(tree)))
                return
            }
            let child: DirectoryNode
            if let index = indexByName[first], case let .directory(existing) = items[index].item {
                child = existing
            } else {
                child = DirectoryNode()
                indexByName[first] = items.count
                items.append((first, .directory(child)))
            }
            child.insert(components: Array(components.dropFirst()), name: name, tree: tree)
        }

        var tree: IPFSContentTree {
            .directory(items.map { name, item in
                switch item {
                case let .directory(node): IPFSContentTree.Entry(name, node.tree)
                case let .leaf(tree): IPFSContentTree.Entry(name, tree)
                }
            })
        }
    }
}

extension IPFSBlockStore {
    /// Generates a package from `spec` with draws from `random`, adds it, and returns its root and tree.
    @discardableResult
    public func seedPackage(_ spec: IPFSPackageSpec, random: SeededRandom) throws(IPFSAddError) -> IPFSPackage {
        let tree = IPFSPackageGenerator.tree(for: spec, random: random)
        let root = try add(tree, options: spec.options)
        return IPFSPackage(spec: spec, root: root, tree: tree)
    }
}
