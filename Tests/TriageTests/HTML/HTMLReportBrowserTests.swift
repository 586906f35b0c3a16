import Foundation
import Testing
import Triage

/// Renders report.html in headless Chromium (Debian's `chromium`, which `.ci/run` installs): the page must load with
/// no console message (a blocked fetch, a parse error) and paint its charts.
@Suite(
    "HTML report in Chromium",
    .enabled(if: Chromium.path != nil, "chromium is not installed; run `apt-get install -y chromium` to enable it")
)
struct HTMLReportBrowserTests {
    @Test("report.html loads without console messages and its screenshot shows the charts' colours")
    func rendersInChromium() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chaosnet-html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Report(
            sweeps: [Fixtures.validatedFlakySweep(), Fixtures.damagingSweep(), Fixtures.stableSweep()])
        try ReportWriter.write(report, to: directory.path)
        let page = directory.appendingPathComponent("report.html")
        let screenshot = directory.appendingPathComponent("shot.png")
        let run = try Chromium.screenshot(of: page, to: screenshot)
        #expect(run.status == 0, "chromium exited \(run.status): \(run.log)")
        let console = run.log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let colours = try PNGColourCount.count(screenshot, colours: [
            // A stable variant's bar is 1 pixel wide at 0%, so its colour is not counted.
            "flaky bar and transient cells": (0xf0, 0xa0, 0x20), "damaging bar or cell": (0xc0, 0x26, 0x2d),
            "passing seeds": (0xcf, 0xe8, 0xd2),
        ])
        for (name, pixels) in colours {
            #expect(pixels > 50, "\(name): \(pixels) pixels of its colour in the screenshot")
        }
    }
}

extension HTMLReportBrowserTests {
    @Test("the triage report.html of a real repeated-run data set loads cleanly and shows its strips")
    func triageRendersInChromium() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chaosnet-triage-html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try TriageReportWriter.write(try TriageHTMLReportTests.report(), to: directory.path)
        let screenshot = directory.appendingPathComponent("shot.png")
        let run = try Chromium.screenshot(of: directory.appendingPathComponent("report.html"), to: screenshot)
        #expect(run.status == 0, "chromium exited \(run.status): \(run.log)")
        let console = run.log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let colours = try PNGColourCount.count(screenshot, colours: [
            "failed executions and bars": (0xc0, 0x26, 0x2d), "passed executions": (0xcf, 0xe8, 0xd2),
        ])
        for (name, pixels) in colours {
            #expect(pixels > 50, "\(name): \(pixels) pixels of its colour in the screenshot")
        }
    }
}

/// Finds and runs headless Chromium.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func screenshot(of page: URL, to png: URL) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/chromium")
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1400",
            "--enable-logging=stderr", "--v=0", "--user-data-dir=" + png.deletingLastPathComponent().path + "/profile",
            "--screenshot=" + png.path, page.absoluteString,
        ]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        let data = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Counts the pixels of given colours in a PNG with Python's standard library (zlib and the PNG row filters), so the
/// check does not depend on an image library.
enum PNGColourCount {
    static let script = #"""
        import sys, zlib, struct, json
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        pos, idat, width, height, kind = 8, b"", 0, 0, 0
        while pos < len(data):
            length, tag = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if tag == b"IHDR":
                width, height, depth, kind = struct.unpack(">IIBB", body[:10])
                assert depth == 8 and kind in (2, 6), "expected 8-bit RGB or RGBA"
            elif tag == b"IDAT":
                idat += body
            pos += 12 + length
        raw, channels = zlib.decompress(idat), (3 if kind == 2 else 4)
        stride, rows, previous = width * channels, [], bytearray(width * channels)
        for y in range(height):
            start = y * (stride + 1)
            f, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
            for x in range(stride):
                a = row[x - channels] if x >= channels else 0
                b = previous[x]
                c = previous[x - channels] if x >= channels else 0
                if f == 1: row[x] = (row[x] + a) & 255
                elif f == 2: row[x] = (row[x] + b) & 255
                elif f == 3: row[x] = (row[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(row)
            previous = row
        wanted = {name: tuple(rgb) for name, rgb in json.loads(sys.argv[2]).items()}
        counts = {name: 0 for name in wanted}
        for row in rows:
            for x in range(0, stride, channels):
                pixel = (row[x], row[x + 1], row[x + 2])
                for name, rgb in wanted.items():
                    if all(abs(p - q) <= 3 for p, q in zip(pixel, rgb)):
                        counts[name] += 1
        print(json.dumps(counts))
        """#

    static func count(_ png: URL, colours: [String: (Int, Int, Int)]) throws -> [String: Int] {
        let wanted = colours.mapValues { [$0.0, $0.1, $0.2] }
        let argument = String(decoding: try JSONSerialization.data(withJSONObject: wanted), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, png.path, argument]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Int]) ?? [:]
    }
}
