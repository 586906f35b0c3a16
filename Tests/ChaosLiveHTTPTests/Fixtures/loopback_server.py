#!/usr/bin/env python3
"""A loopback HTTP/1.1 server whose paths misbehave on purpose, for ChaosLiveHTTPTests.

Usage: loopback_server.py INFO_FILE [--tar FILE] [--stall-first-get]

Listens on 127.0.0.1 (port 0) and, once listening, writes {"port", "full_port", "closed_port"} as JSON to
INFO_FILE: `full_port` is a listener whose accept queue is full, so that a connect to it hangs (a connect
timeout); `closed_port` had a listener that is closed again (connection refused). Paths:

  /ok                 200, 18000 bytes, Content-Length, X-Test: yes (keep-alive)
  /echo               200, "METHOD\\nX-Probe\\nframing\\n" + the request body (framing: length or chunked)
  /chunked            200, chunked "alpha" "beta" "gamma" and the trailer X-Checksum: abc123
  /stall              Content-Length 1000, 100 bytes, then nothing until the client goes
  /slow-head          the head once the client has gone, or after 120 s
  /slow-body          Content-Length 60, one byte every 50 ms
  /truncate           Content-Length 1000, 100 bytes, then a clean close
  /truncate-chunked   one chunk of 7 bytes, then a clean close (no last chunk)
  /close-head         a clean close instead of a response
  /reset-head         an RST (SO_LINGER 0) instead of a response
  /reset-body         Content-Length 1000, 100 bytes, then an RST
  /garbage            bytes that are not HTTP, then a close
  POST /api/v0/get    the --tar file, chunked, as Kubo sends it; with --stall-first-get the first such request
                      stalls after half the archive

Every connection runs on its own thread; the process exits by itself after 900 s in case its test died.
"""
import json
import os
import socket
import struct
import sys
import threading
import time

# Long enough for a test that waits minutes for a thread in a full `swift test` run (seen: over 200 s).
LIFETIME_MAX = 900.0
OK_BODY = b"hello, live world\n" * 1000


def read_request(conn, buffered):
    """Reads one request; returns (method, path, headers, body, leftover) or None when the client closed."""
    data = buffered
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, value = line.split(":", 1)
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        length = int(headers["content-length"])
        while len(rest) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            rest += chunk
        return method, path, headers, rest[:length], rest[length:]
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            while b"\r\n" not in rest:
                rest += conn.recv(65536)
            size_line, rest = rest.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(rest) < size + 2:
                rest += conn.recv(65536)
            if size == 0:
                # Trailers, if any, end with an empty line.
                while not (rest.startswith(b"\r\n") or b"\r\n\r\n" in rest):
                    rest += conn.recv(65536)
                rest = rest[2:] if rest.startswith(b"\r\n") else rest.split(b"\r\n\r\n", 1)[1]
                return method, path, headers, body, rest
            body += rest[:size]
            rest = rest[size + 2:]
    return method, path, headers, b"", rest


def head(status, fields):
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in fields]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def wait_for_close(conn, limit):
    """Blocks until the client closes (or `limit` seconds pass): a stall that ends when the test gives up."""
    conn.settimeout(limit)
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass


def reset(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


class Server:
    def __init__(self, tar_path, stall_first_get):
        self.tar = open(tar_path, "rb").read() if tar_path else b""
        self.stall_first_get = stall_first_get
        self.get_count = 0
        self.lock = threading.Lock()

    def serve(self, conn):
        """Answers requests on one connection; returns False when the connection must not be reused."""
        buffered = b""
        while True:
            request = read_request(conn, buffered)
            if request is None:
                return
            method, path, headers, body, buffered = request
            if not self.answer(conn, method, path, headers, body):
                return

    def answer(self, conn, method, path, headers, body):
        if path == "/ok":
            conn.sendall(head("200 OK", [("Content-Length", len(OK_BODY)), ("Content-Type", "text/plain"),
                                         ("X-Test", "yes")]) + OK_BODY)
            return True
        if path == "/echo":
            framing = "chunked" if "transfer-encoding" in headers else "length"
            reply = f"{method}\n{headers.get('x-probe', '')}\n{framing}\n".encode() + body
            conn.sendall(head("200 OK", [("Content-Length", len(reply))]) + reply)
            return True
        if path == "/chunked":
            conn.sendall(head("200 OK", [("Transfer-Encoding", "chunked"), ("Trailer", "X-Checksum")]))
            for part in (b"alpha", b"beta", b"gamma"):
                conn.sendall(b"%x\r\n%s\r\n" % (len(part), part))
                time.sleep(0.01)
            conn.sendall(b"0\r\nX-Checksum: abc123\r\n\r\n")
            return True
        if path == "/stall":
            conn.sendall(head("200 OK", [("Content-Length", 1000)]) + b"s" * 100)
            wait_for_close(conn, 30)
            return False
        if path == "/slow-head":
            wait_for_close(conn, 120)
            conn.sendall(head("200 OK", [("Content-Length", 2)]) + b"ok")
            return False
        if path == "/slow-body":
            conn.sendall(head("200 OK", [("Content-Length", 60)]))
            for _ in range(60):
                time.sleep(0.05)
                conn.sendall(b"b")
            return False
        if path == "/truncate":
            conn.sendall(head("200 OK", [("Content-Length", 1000)]) + b"t" * 100)
            conn.close()
            return False
        if path == "/truncate-chunked":
            conn.sendall(head("200 OK", [("Transfer-Encoding", "chunked")]) + b"7\r\npartial\r\n")
            conn.close()
            return False
        if path == "/close-head":
            conn.close()
            return False
        if path == "/reset-head":
            reset(conn)
            return False
        if path == "/reset-body":
            conn.sendall(head("200 OK", [("Content-Length", 1000)]) + b"r" * 100)
            time.sleep(0.2)
            reset(conn)
            return False
        if path == "/garbage":
            conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\nthis is not http at all\r\n\r\n")
            conn.close()
            return False
        if path.startswith("/api/v0/get") and method == "POST":
            return self.get(conn)
        conn.sendall(head("404 Not Found", [("Content-Length", 0)]))
        return True

    def get(self, conn):
        with self.lock:
            self.get_count += 1
            stall = self.stall_first_get and self.get_count == 1
        conn.sendall(head("200 OK", [("Content-Type", "application/x-tar"), ("X-Stream-Output", "1"),
                                     ("Transfer-Encoding", "chunked"), ("Trailer", "X-Stream-Error")]))
        end = len(self.tar) // 2 if stall else len(self.tar)
        for offset in range(0, end, 4096):
            part = self.tar[offset:min(offset + 4096, end)]
            conn.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        if stall:
            wait_for_close(conn, 30)
            return False
        conn.sendall(b"0\r\n\r\n")
        return True


def full_listener():
    """A listener with a full accept queue: Linux then drops new SYNs, so a connect to it times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(listener.getsockname())
        fillers.append(filler)
    time.sleep(0.2)
    return listener, fillers


def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def main():
    info_path = sys.argv[1]
    tar_path = sys.argv[sys.argv.index("--tar") + 1] if "--tar" in sys.argv else None
    server = Server(tar_path, "--stall-first-get" in sys.argv)
    threading.Timer(LIFETIME_MAX, lambda: os._exit(0)).start()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    full, fillers = full_listener()
    info = {"port": listener.getsockname()[1], "full_port": full.getsockname()[1], "closed_port": closed_port()}
    with open(info_path + ".tmp", "w") as file:
        json.dump(info, file)
    os.rename(info_path + ".tmp", info_path)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=connection, args=(server, conn), daemon=True).start()


def connection(server, conn):
    try:
        server.serve(conn)
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


if __name__ == "__main__":
    main()
