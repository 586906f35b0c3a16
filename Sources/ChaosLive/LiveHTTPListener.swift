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
    /// Decides each accepted connection: the name of the fault that refuses it (it is then reset), or nil.
    private let admit: (LiveSocketConnection) -> String?
    private let trace: (String, String) -> Void
    private var connections: [Int: LiveSocketConnection] = [:]
    private var nextConnectionID = 1
    private var closed = false

    private init(
        label: String, exchange: HTTPExchangeServer, server: Server, admit: @escaping (LiveSocketConnection) -> String?,
        trace: @escaping (String, String) -> Void
    ) {
        self.label = label
        self.exchange = exchange
        self.server = server
        self.admit = admit
        self.trace = trace
        host = server.channel.localAddress?.ipAddress ?? "?"
        port = server.channel.localAddress?.port ?? 0
    }

    /// Binds `host:port` (port 0: any free port) on `group`.
    static func bind(
        label: String, host: String, port: Int, group: any EventLoopGroup, exchange: HTTPExchangeServer,
        admit: @escaping (LiveSocketConnection) -> String? = { _ in nil }, trace: @escaping (String, String) -> Void
    ) async throws -> LiveHTTPListener {
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return LiveHTTPListener(label: label, exchange: exchange, server: server, admit: admit, trace: trace)
    }

    /// Accepts and serves connections until `close`; returns once every connection has ended.
    func run() async {
        do {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
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
        server.channel.close(promise: nil)
        for connection in connections.values { connection.close() }
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
                if let fault = admit(connection) {
                    trace("live", "\(label) conn#\(id) from \(connection.peer) reset: refused by fault \(fault)")
                    connection.reset()
                    return
                }
                connections[id] = connection
                defer { connections[id] = nil }
                await exchange.serve(connection)
            }
        } catch {
            // The peer went away while the connection was being closed: nothing is left to do.
        }
    }
}
