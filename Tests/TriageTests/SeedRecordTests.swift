import Foundation
import Testing
import Triage

@Suite("Seed records and settings")
struct SeedRecordTests {
    @Test("a seed record is one JSON line with snake_case keys, and a passing one has no failure")
    func jsonLines() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let failed = SeedRecord(seed: 7, failure: Fixtures.partialDirectory, virtualSeconds: 1.5, digest: "ab12")
        let line = String(decoding: try encoder.encode(failed), as: UTF8.self)
        #expect(!line.contains("\n"))
        #expect(line == #"{"digest":"ab12","failure":{"detail":"/srv/pkgs/a.tmp","kind":"damaging","#
            + #""signature":"damaging:service.partial_directory","summary":"a partial directory left behind"},"#
            + #""seed":7,"virtual_seconds":1.5}"#)
        #expect(try JSONDecoder().decode(SeedRecord.self, from: Data(line.utf8)) == failed)
        #expect(!failed.passed)

        let passing = #"{"seed": 18446744073709551615, "virtual_seconds": 2, "digest": "ff"}"#
        let record = try JSONDecoder().decode(SeedRecord.self, from: Data(passing.utf8))
        #expect(record.passed)
        #expect(record.seed == UInt64.max)
    }

    @Test("rerun settings default to the documented values, and a file may name only what it changes")
    func settingsDefaults() throws {
        let defaults = RerunSettings()
        #expect(defaults.delaysSeconds == [0, 1, 5, 15, 30, 60, 120])
        #expect(defaults.target == 0.001 && defaults.rerunsMax == 5)
        #expect(defaults.blindReruns == 2 && defaults.blindDelaySeconds == 5)
        let partial = try JSONDecoder().decode(RerunSettings.self, from: Data(#"{"reruns_max": 3}"#.utf8))
        #expect(partial == RerunSettings(rerunsMax: 3))
        let roundTrip = try JSONDecoder().decode(RerunSettings.self, from: JSONEncoder().encode(defaults))
        #expect(roundTrip == defaults)
    }
}
