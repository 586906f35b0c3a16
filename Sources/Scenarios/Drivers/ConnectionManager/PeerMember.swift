import ChaosComponents
import ChaosCore
import ChaosNet

/// One node of a peer world and the process on it: its transport, its connection manager, the background work the
/// manager started, and the workload's own tasks on that node (its callers), all of which die with the process.
/// Used on the simulation's thread only.
final class PeerMember: @unchecked Sendable {
    let id: NodeID
    let host: String
    private(set) var node: SimPeerNode
    private(set) var manager: NodeConnectionManager<SimClock>
    private(set) var tasks: SimBackgroundTasks
    /// The workload's tasks calling this node's manager, cancelled when the process dies.
    private var callers: [SimTask<Void>] = []
    private(set) var isDown = false

    init(id: NodeID, host: String, node: SimPeerNode, manager: NodeConnectionManager<SimClock>,
         tasks: SimBackgroundTasks) {
        self.id = id
        self.host = host
        self.node = node
        self.manager = manager
        self.tasks = tasks
    }

    var contact: NodeContact { NodeContact(node: id, address: node.address) }

    func adoptCaller(_ task: SimTask<Void>) {
        callers.removeAll { $0.isCancelled }
        callers.append(task)
    }

    /// The process dies: its transport goes silent (`crash`) or aborts with a code, and its work is cancelled.
    func kill(abortCode: UInt64? = nil) {
        guard !isDown else { return }
        isDown = true
        if let abortCode {
            node.abort(code: abortCode, reason: "the node aborted")
        } else {
            node.crash()
        }
        tasks.cancelAll()
        for caller in callers { caller.cancel() }
        callers = []
    }

    /// Boots again on a fresh transport at the same address, with a new manager.
    func reboot(node: SimPeerNode, manager: NodeConnectionManager<SimClock>, tasks: SimBackgroundTasks) {
        self.node = node
        self.manager = manager
        self.tasks = tasks
        isDown = false
    }
}
