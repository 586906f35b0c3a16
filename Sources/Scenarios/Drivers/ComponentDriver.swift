import ChaosNet
import Triage

/// Everything ChaosNet needs to know about one component, in one place: its name and variants, the keys it reads
/// from `workload:`, the invariants it checks, what it needs from the world, what every seed shares, and how one seed
/// drives it.
///
/// A component never knows it is simulated; its driver does. The runner, the loader and the classifier ask the
/// driver (through `DriverRegistry`) and never switch on a component's name, so a new component is its own folder,
/// its driver's folder and one line in the registry. A user's driver is written the same way:
///
/// ```swift
/// struct UploaderDriver: ComponentDriver {
///     let name = "uploader"
///     let summary = "Uploads a file over HTTP with retries and indexes it locally."
///     let variants: [VariantName] = [.naive, .robust]
///     let invariants = [InvariantDescriptor(.noOrphanIndexEntries, "Every index entry names an uploaded file.")]
///     let configurationKeys = ["uploads"]
///     let defaultConfiguration = UploaderConfiguration()
///
///     func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> UploaderConfiguration {
///         UploaderConfiguration(uploads: try workload.value("uploads")?.integer(in: 1...100) ?? 3)
///     }
///
///     func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload {
///         UploadWorkload(world: context.world, variant: context.variant, uploads: context.configuration.uploads)
///     }
/// }
/// ```
public protocol ComponentDriver: Sendable {
    /// The driver's value of the component's keys in `workload:`; `NoConfiguration` when it reads none.
    associatedtype Configuration: Sendable & Equatable = NoConfiguration
    /// What every seed of a sweep shares, built once per runner (content published on the registry, say).
    associatedtype Fixtures: Sendable = Void

    /// The component's name in scenario files (`workload.component`) and in signatures: lower-case words with dashes.
    var name: String { get }
    /// One sentence for `chaos-run components` and the docs.
    var summary: String { get }
    /// The component's variants, in the order a sweep runs them when the file does not list any.
    var variants: [VariantName] { get }
    /// The invariants the driver checks; a scenario file may pick some of them (`invariants:`).
    var invariants: [InvariantDescriptor] { get }
    /// What the component needs from the world, which the loader and the runner check before any seed runs.
    var capabilities: DriverCapabilities { get }
    /// The keys of `workload:` this driver reads, besides `component`, `variants`, `start_jitter` (and `package` with
    /// `needsRegistryPackage`); any other key is refused with the file's line and column.
    var configurationKeys: [String] { get }
    /// The configuration of a workload that sets none of `configurationKeys` (and of a `WorkloadSpec` built in code
    /// without one).
    var defaultConfiguration: Configuration { get }

    /// Reads the component's keys of `workload:`; errors come from the section's nodes, so they carry
    /// `file:line:column`.
    func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> Configuration
    /// Builds what every seed shares. Called once, when a runner is made.
    func makeFixtures(_ context: FixtureContext<Configuration>) throws(ScenarioRunError) -> Fixtures
    /// Builds one seed's workload in its world: the component under test over the world's protocols, driven the way
    /// a test or a service loop drives it.
    func makeWorkload(_ context: WorkloadContext<Self>) throws -> any ScenarioWorkload
    /// What `chaos-run serve` serves for the component besides the registry's packages: content the fixtures added
    /// and HTTP services of its own. None by default.
    func liveServices(_ context: LiveServiceContext<Self>) -> LiveServices
}

extension ComponentDriver {
    public var capabilities: DriverCapabilities { [] }
    public var configurationKeys: [String] { [] }

    public func liveServices(_ context: LiveServiceContext<Self>) -> LiveServices { .none }
}

extension ComponentDriver where Configuration == NoConfiguration {
    public var defaultConfiguration: NoConfiguration { NoConfiguration() }

    public func decodeConfiguration(_ workload: WorkloadSection) throws(ScenarioFileError) -> NoConfiguration {
        NoConfiguration()
    }
}

extension ComponentDriver where Fixtures == Void {
    public func makeFixtures(_ context: FixtureContext<Configuration>) throws(ScenarioRunError) {}
}

/// The configuration of a driver that reads no keys of its own.
public struct NoConfiguration: Sendable, Equatable {
    public init() {}
}
