import ChaosNet

/// Runs the worker-pool demo as one simulation: the entry point behind `chaos-run demo`.
public enum DemoRun {
    /// Runs seed `seed` and returns the simulation result, whose value is the pool's report.
    public static func run(
        seed: UInt64,
        configuration: WorkerPoolDemo.Configuration = WorkerPoolDemo.Configuration(),
        simulationConfiguration: SimulationConfiguration = SimulationConfiguration(timeLimit: .seconds(600))
    ) -> SimulationResult<WorkerPoolDemo.Report> {
        let simulation = Simulation(seed: seed, configuration: simulationConfiguration)
        return simulation.run { simulation in
            let demo = WorkerPoolDemo(configuration: configuration)
            return try await demo.run(
                clock: simulation.clock,
                random: simulation.random("demo.service"),
                trace: { source, message in simulation.trace(source, message) }
            )
        }
    }
}
