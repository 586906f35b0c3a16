// A driver works with the simulated world (`ScenarioWorld` hands out ChaosNet's types) and reports through Triage's
// types (`SeedFigures`, `VariantSweep`): re-exporting both lets `import Scenarios` alone give a driver author
// everything its protocol names. Components import `ChaosCore` instead, and never see either.
@_exported import ChaosNet
@_exported import Triage
