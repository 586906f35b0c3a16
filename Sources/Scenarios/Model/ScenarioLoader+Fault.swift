import ChaosNet

extension ScenarioLoader {
    /// Parses one network or HTTP fault written as an item of a scenario file's `faults:` (YAML or JSON), as live
    /// mode's control API receives it. `source` names the text in errors; `hosts` are the hosts a target may name;
    /// `takenNames` are the faults already listed (a name must be new).
    public static func parseFault(
        _ text: String, source: String, hosts: [String], takenNames: [String]
    ) throws(ScenarioFileError) -> Fault {
        let node = try YAMLComposer.compose(text, path: source)
        return try FaultListDecoder.decodeFault(node, hosts: hosts, takenNames: takenNames)
    }
}
