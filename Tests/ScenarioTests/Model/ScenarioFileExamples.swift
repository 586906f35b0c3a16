/// Scenario file texts shared by the loader tests.
enum ScenarioFileExamples {
    /// The smallest valid file: everything else takes its default. The download queue needs only a registry, which
    /// the default topology has (the package-fetching components also need a package in it).
    static let minimal = """
        name: minimal
        description: Only the required keys.
        workload: {component: download-queue}
        """

    /// A file that sets every key the format has, each to a value other than its default where one exists.
    static let full = """
        name: ipfs-download-timeout
        description: The registry stops sending data mid-download.
        seeds: 1000
        first_seed: 500
        time_limit: 2h
        schedule: {strategy: pct, depth: 2, steps: 5000, timers: together}
        topology:
          hosts: [service, registry, mirror]
          client: service
          default_link: {latency: 2ms, jitter: 1ms, bandwidth: 10MB/s, connect_latency: 3ms}
          registry:
            host: registry
            port: 5002
            packages:
              - {name: app, files: 12, size: 4MiB, depth: 2, symlinks: 1}
              - name: tiny
        links:
          - {between: [service, registry], latency: 20ms, jitter: 5ms, bandwidth: 2MiB/s, connect_latency: 1.5s}
          - between: [mirror, service]
            latency: 250us
        faults:
          - name: registry-load
            kind: timeout
            target: {service: "registry:5002"}
            direction: downstream
            toxicity: 30%
            activity: {episodes: {mean_gap: 10m, mean_duration: 90s}}
            close_after: 45s
          - name: slow
            kind: latency
            target: {host: registry}
            base: 100ms
            jitter: 10ms
            activity: {windows: [{start: 10s, end: 70s}, {start: 2m, end: 2m}]}
          - {name: throttle, kind: bandwidth, target: {link: [service, mirror]}, rate: 100KB/s, toxicity: 0.25}
          - {name: slices, kind: slicer, target: {host: mirror}, average_size: 1KiB, size_variation: 100B, delay: 1ms}
          - {name: cap, kind: limit_data, target: {host: mirror}, bytes: 1MB}
          - {name: reset, kind: reset_peer, target: {host: mirror}, after: 3s}
          - {name: close, kind: slow_close, target: {host: mirror}, delay: 2s}
          - {name: gone, kind: down, target: {host: mirror}, direction: upstream}
          - {name: split, kind: partition, target: {link: [service, registry]}, activity: always}
          - {name: clogged, kind: clog, target: {host: mirror}}
          - {name: held, kind: hold, target: {host: mirror}}
          - {name: busy, kind: http_status, target: {service: "registry:5002"}, code: 503, retry_after: 30s}
          - {name: heads, kind: http_slow_headers, target: {host: registry}, delay: 4s}
          - {name: stall, kind: http_stall_body, target: {host: registry}, after: 64KiB, duration: 1m}
          - {name: stall-forever, kind: http_stall_body, target: {host: registry}, after: 0}
          - {name: short, kind: http_truncate_body, target: {host: registry}, after: 1000}
          - {name: mid-chunk, kind: http_abort_mid_chunk, target: {host: registry}, after: 2KB}
          - {name: between-chunks, kind: http_close_between_chunks, target: {host: registry}, after: 3KiB}
        file_system:
          durability: strict_directories
          mounts: [{path: /srv/cache, durability: journaled_metadata},
                   {path: /nfs, durability: journaled_metadata, storage: nfs_sync}]
        file_system_faults:
          - {name: disk-fills, kind: disk_full, capacity: 10MiB, activity: {windows: [{start: 30s, end: 35s}]}}
          - {name: full-disk, kind: disk_full, capacity: 1GiB}
          - name: nfs
            kind: slow_metadata
            activity: {episodes: {mean_gap: 1h, mean_duration: 5m}}
        workload:
          component: service-manager
          variants: [robust, naive]
          operations: 7
          package: app
          start_jitter: 30s
          downloader:
            naive_read_timeout: 20s
            attempts: 5
            backoff_base: 2s
            backoff_cap: 16s
            jitter: 500ms
            retry_after_max: 2m
            connect_timeout: 5s
            read_timeout: 15s
            total_timeout: 10m
        invariants: [no_partial_directories, no_burned_ids]
        expectations:
          naive: {min_failure_rate: 5%, max_failure_rate: 10%}
          robust: {max_failure_rate: 0.5%}
        rerun:
          delays: [0s, 1s, 5s, 15s]
          target: 0.1%
          max_reruns: 8
          blind: {reruns: 3, delay: 10s}
          validation_seeds: 2500
          real_errors:
            "transient:service-manager:503:read_timeout": ["^ReadTimeoutError: .*Read timed out", "^ConnectionError:"]
            "transient:service-manager:*": ["^StatusError:"]
        """

    /// Every key of the download queue's section, set to a value other than its default.
    static let queueWorkload = """
        name: queue
        description: The download queue's every key.
        workload:
          component: download-queue
          variants: [robust]
          queue:
            download_interval: 2s
            retry_delay: 3m
            max_attempts: 7
            download_timeout: 1m
            documents: 50
            invalid_documents: 5
            document_size: 8KiB
            run_for: 2h
        """
}
