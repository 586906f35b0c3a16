import ChaosNet
import Foundation
import ChaosComponents
import Scenarios
import Testing

@Suite("ScenarioFileLoaderTests")
struct ScenarioFileLoaderTests {
    /// The error `text` is refused with, or nil if it loads.
    static func loadError(_ text: String, path: String = "bad.yaml") -> ScenarioFileError? {
        do {
            _ = try ScenarioLoader.parse(text, path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("each kind of bad file is refused at the offending line and column", arguments: BadScenarioFile.all)
    func badFile(_ bad: BadScenarioFile) throws {
        let error = try #require(Self.loadError(bad.text), "the file should be refused")
        #expect(error.path == "bad.yaml")
        #expect(error.line == bad.line, "\(error)")
        #expect(error.column == bad.column, "\(error)")
        #expect(error.message.contains(bad.message), "\(error)")
        #expect(error.description.hasPrefix("bad.yaml:\(bad.line):\(bad.column): "))
    }

    @Test("the bad-file table covers at least 20 kinds of mistake, all distinct")
    func badFileTableIsBroad() {
        #expect(BadScenarioFile.all.count >= 20)
        #expect(Set(BadScenarioFile.all.map(\.name)).count == BadScenarioFile.all.count)
    }

    @Test("a minimal file takes every default of the model")
    func minimalFileDefaults() throws {
        let file = try ScenarioLoader.parse(ScenarioFileExamples.minimal, path: "minimal.yaml")
        let expected = ScenarioFile(
            name: "minimal", description: "Only the required keys.",
            workload: WorkloadSpec(
                component: "download-queue", variants: [.naive, .robust], configuration: QueueConfig()))
        #expect(file == expected)
        #expect(file.seedCount == 100)
        #expect(file.timeLimit == .seconds(3600))
        #expect(file.topology.hosts == ["service", "registry"])
        #expect(file.topology.clientHost == "service")
        #expect(file.topology.registry == RegistrySpec(host: "registry", port: 5001, packages: []))
        #expect(file.topology.defaultLink == LinkConditions())
        #expect(file.links.isEmpty && file.faults.isEmpty && file.fileSystemFaults.isEmpty)
        #expect(file.workload.variants == [.naive, .robust])
        #expect(file.workload.package == nil)
        #expect(file.workload.startJitter == .zero)
        #expect(file.workload.configuration(as: QueueConfig.self) == QueueConfig())
        #expect(file.invariants.isEmpty && file.expectations.isEmpty)
        #expect(file.rerun == RerunSpec())
    }

    @Test("keys with no value count as absent, and 'registry: none' removes the registry")
    func emptyValuesAndNoRegistry() throws {
        let text = """
            name: idle
            description: A component that needs no registry.
            workload: {component: idle}
            faults:
            links:
            topology: {hosts: [a], client: a, registry: none}
            """
        let file = try ScenarioLoader.parse(text, path: "x.yaml", drivers: .builtIn.adding(IdleDriver()))
        #expect(file.faults.isEmpty && file.links.isEmpty)
        #expect(file.topology.hosts == ["a"])
        #expect(file.topology.registry == nil)
    }

    @Test("a link inherits what it does not state from default_link; 'unlimited' lifts a bandwidth limit")
    func linksInheritDefaultLink() throws {
        let text = ScenarioFileExamples.minimal + """

            topology: {default_link: {latency: 7ms, bandwidth: 1MiB/s}}
            links: [{between: [registry, service], jitter: 2ms, bandwidth: unlimited}]
            """
        let file = try ScenarioLoader.parse(text, path: "x.yaml")
        #expect(file.links == [
            LinkSpec(between: "registry", "service", conditions: LinkConditions(
                latency: .milliseconds(7), jitter: .milliseconds(2), bandwidthBytesPerSecond: nil)),
        ])
        #expect(file.topology.defaultLink.bandwidthBytesPerSecond == 1 << 20)
    }

    @Test("a JSON file loads to the same value as its YAML equivalent")
    func jsonEquivalent() throws {
        let yaml = """
            name: json-twin
            description: The same scenario in both syntaxes.
            seeds: 50
            topology: {registry: {packages: [{name: app, size: 1MiB}]}}
            faults:
              - {name: busy, kind: http_status, target: {service: "registry:5001"}, code: 429, toxicity: 50%}
            workload: {component: downloader, package: app, variants: [naive]}
            expectations: {naive: {max_failure_rate: 0.6}}
            """
        let json = """
            {
              "name": "json-twin",
              "description": "The same scenario in both syntaxes.",
              "seeds": 50,
              "topology": {"registry": {"packages": [{"name": "app", "size": "1MiB"}]}},
              "faults": [
                {"name": "busy", "kind": "http_status", "target": {"service": "registry:5001"}, "code": 429,
                 "toxicity": "50%"}
              ],
              "workload": {"component": "downloader", "package": "app", "variants": ["naive"]},
              "expectations": {"naive": {"max_failure_rate": 0.6}}
            }
            """
        let fromYAML = try ScenarioLoader.parse(yaml, path: "twin.yaml")
        let fromJSON = try ScenarioLoader.parse(json, path: "twin.json")
        #expect(fromYAML == fromJSON)
        #expect(fromJSON.faults.first?.kind == .httpStatus(code: 429, retryAfter: nil))
        #expect(fromJSON.faults.first?.toxicity == 0.5)
    }

    @Test("errors in JSON files have locations too")
    func jsonErrorLocation() throws {
        let json = """
            {
              "name": "json-twin",
              "description": "x",
              "workload": {"component": "downloader", "operations": "many"}
            }
            """
        let error = try #require(Self.loadError(json, path: "bad.json"))
        #expect(error.description == "bad.json:4:57: expected an integer for 'operations', got 'many'")
    }

    @Test("load(path:) reads a file, and an unreadable file is an error at 1:1")
    func loadFromDisk() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let directory = files.directory.path
        let path = try files.write("minimal.yaml", ScenarioFileExamples.minimal)
        #expect(try ScenarioLoader.load(path: path).name == "minimal")
        do {
            _ = try ScenarioLoader.load(path: directory + "/missing.yaml")
            Issue.record("a missing file should be refused")
        } catch {
            #expect(error.line == 1 && error.column == 1)
            #expect(error.path == directory + "/missing.yaml")
            #expect(error.message.contains("cannot read the file"))
        }
    }

    @Test("files(in:) lists YAML and JSON files directly in the directory, sorted by name")
    func filesInDirectory() throws {
        let files = try ScenarioFixtureFiles()
        defer { files.remove() }
        let directory = files.directory.path
        try FileManager.default.createDirectory(atPath: directory + "/nested.yaml", withIntermediateDirectories: true)
        for name in ["b.yml", "a.yaml", "c.json", "README.md", "d.txt", ".hidden.yaml"] {
            _ = try files.write(name, "x")
        }
        #expect(try ScenarioLoader.files(in: directory) == ["a.yaml", "b.yml", "c.json"].map { directory + "/" + $0 })
        #expect(throws: ScenarioFileError.self) { try ScenarioLoader.files(in: directory + "/absent") }
    }
}
