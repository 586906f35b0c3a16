import ChaosCore
import ChaosNet

/// What PostgreSQL checks when it starts on a restored data directory and a client connects to a database whose
/// files live in a tablespace, with its messages: the data directory's mode (`checkDataDir` in miscinit.c), then the
/// database's subdirectory (`InitPostgres` in postinit.c). It looks as the database server does, whatever the
/// simulated process may access.
public enum PostgresStartupCheck {
    /// The database the incident's tests connect to.
    public static let databaseName = "haf_block_log"

    /// The FATAL message and its DETAIL, or nil when the server starts and the database opens.
    public static func failure(
        on fileSystem: SimFileSystem, dataDirectory: String, databaseName: String = databaseName,
        tablespaceOID: String = CacheDataset.tablespaceOID, versionDirectory: String = CacheDataset.versionDirectory,
        databaseOID: String = CacheDataset.databaseOID
    ) -> String? {
        guard let data = try? fileSystem.snapshot(of: FileSystemPath.parent(of: dataDirectory)).entries.first(where: {
            $0.path == FileSystemPath.lastComponent(of: dataDirectory)
        }), data.kind == .directory else {
            return "FATAL:  could not access directory \"\(dataDirectory)\": No such file or directory"
        }
        guard data.mode & 0o7777 == 0o700 || data.mode & 0o7777 == 0o750 else {
            return "FATAL:  data directory \"\(dataDirectory)\" has invalid permissions\n"
                + "DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750)."
        }
        let relative = "pg_tblspc/\(tablespaceOID)/\(versionDirectory)/\(databaseOID)"
        do {
            _ = try fileSystem.snapshot(of: dataDirectory + "/" + relative)
            return nil
        } catch .notFound {
            return "FATAL:  database \"\(databaseName)\" does not exist\n"
                + "DETAIL:  The database subdirectory \"\(relative)\" is missing."
        } catch {
            return "FATAL:  could not access directory \"\(relative)\": \(error)"
        }
    }
}
