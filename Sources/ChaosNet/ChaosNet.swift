// The simulator implements the core protocols and speaks the formats; re-exporting them lets `import ChaosNet` alone
// give a test everything a simulation needs, as the README's examples assume. Components import the core instead.
@_exported import ChaosCore
@_exported import ChaosIPFS
@_exported import ChaosTar
