import ChaosNet
import NIOCore
import NIOPosix

/// A real TCP listener whose connections the simulation's HTTP exchange loop serves: one task per connection, all
/// on live mode's serial executor (the caller's task executor preference, which child tasks inherit).
///
/// Not thread-safe: use on live mode's serial executor.
final class LiveHTTPListener: @unchecked Sendable {
    typealias Server = NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>

    /// What the listener serves, as its log lines name it (`registry`, `control`).
    let label: String
    let exchange: HTTPExchangeServer
    /// The address it is bound to.
    let host: String
    let port: Int
    private let server: Server
    private let faults: LiveConnectionFaults
    private let trace: (String, String) -> Void
    private var connections: [Int: LiveSocketConnection] = [:]
    private var nextConnectionID = 1
    private var closed = false
    /// Actions arranged for later (a `reset_peer` due after a connection opened), run by `runTimers`.
    private let timers: AsyncStream<Timer>.Continuation
    private let timerStream: AsyncStream<Timer>

    private struct Timer: @unchecked Sendable {
        var after: Duration
        var action: () -> Void
    }

    private init(
        label: String, exchange: HTTPExchangeServer, server: Server, faults: LiveConnectionFaults,
        trace: @escaping (String, String) -> Void
    ) {
        self.label = label
        self.exchange = exchange
        self.server = server
        self.faults = faults
        self.trace = trace
        (timerStream, timers) = AsyncStream<Timer>.makeStream()
        host = server.channel.localAddress?.ipAddress ?? "?"
        port = server.channel.localAddress?.port ?? 0
    }

    /// Binds `host:port` (port 0: any free port) on `group`.
    static func bind(
        label: String, host: String, port: Int, group: any EventLoopGroup, exchange: HTTPExchangeServer,
        faults: LiveConnectionFaults = .none, trace: @escaping (String, String) -> Void
    ) async throws -> LiveHTTPListener {
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return LiveHTTPListener(label: label, exchange: exchange, server: server, faults: faults, trace: trace)
    }

    /// Accepts and serves connections until `close`; returns once every connection has ended.
    func run() async {
        do {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { await self.runTimers() }
                    for try await child in inbound {
                        let id = nextConnectionID
                        nextConnectionID += 1
                        group.addTask { await self.serve(child, id: id) }
                    }
                }
            }
        } catch {
            if !closed { trace("live", "\(label) listener stopped: \(error)") }
        }
    }

    /// Stops accepting and closes every open connection.
    func close() {
        closed = true
        timers.finish()
        server.channel.close(promise: nil)
        for connection in connections.values { connection.close() }
    }

    /// Runs `action` `after` a wall duration, unless the listener closes first.
    private func arrange(after: Duration, _ action: @escaping () -> Void) {
        timers.yield(Timer(after: after, action: action))
    }

    private func runTimers() async {
        await withDiscardingTaskGroup { running in
            for await timer in timerStream {
                running.addTask {
                    let end = ContinuousClock.now + timer.after
                    // In slices, so that closing the listener does not wait for a far timer.
                    while !self.closed, ContinuousClock.now < end {
                        let slice = min(LiveSocketConnection.pollInterval, ContinuousClock.now.duration(to: end))
                        try? await Task.sleep(for: slice)  // determinism: ok — live mode's timers are real
                    }
                    if !self.closed { timer.action() }
                }
            }
        }
    }

    private func serve(_ child: NIOAsyncChannel<ByteBuffer, ByteBuffer>, id: Int) async {
        do {
            try await child.executeThenClose { inbound, outbound in
                let connection = LiveSocketConnection(
                    id: id, channel: child.channel, inbound: inbound, outbound: outbound)
                if closed {
                    connection.close()
                    return
                }
                connection.shaper = faults.shaper(connection) { after, action in self.arrange(after: after, action) }
                if let fault = faults.refusal() {
                    trace("live", "\(label) conn#\(id) from \(connection.peer) reset: refused by fault \(fault)")
                    connection.reset()
                    return
                }
                connections[id] = connection
                defer { connections[id] = nil }
                await exchange.serve(connection)
                await connection.finishClosing()
            }
        } catch {
            // The peer went away while the connection was being closed: nothing is left to do.
        }
    }
}
