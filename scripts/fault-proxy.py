#!/usr/bin/env python3
"""A small fault-injecting HTTP proxy on loopback, for the DICOMweb tests (stdlib only).

    scripts/fault-proxy.py --upstream http://127.0.0.1:8042 [--drop-every N] [--503-every N]
                           [--429-every N] [--delay-every N --delay-ms MS] [--fail-status CODE]
                           [--not-found TEXT ...] [--only TEXT | --match REGEX] [--times N] [--max-seconds S]

Prints "PORT <n>" on its first stdout line once it listens on 127.0.0.1 (a free port), then forwards
every request to --upstream. Requests whose path contains --only (default "/frames/"), or matches the
regular expression --match when given, are counted 1, 2, 3, ...; request number k (only while
k <= --times, when given) gets, checking in this order:
  * --fail-status CODE:   that status, always (e.g. 406 or 501);
  * k % drop-every == 0:  the status line, headers and half the body, then the connection is cut;
  * k % 503-every == 0:   503 Service Unavailable with "Retry-After: 1";
  * k % 429-every == 0:   429 Too Many Requests (no Retry-After);
  * k % delay-every == 0: the real answer, after delay-ms.
Any request whose path contains a --not-found text gets 404, always. GET /__proxy/stats answers
JSON counters (including "gzip": answers forwarded gzip-encoded, "bytes": body bytes sent);
GET /__proxy/requests lists every request as {"path", "status", "bytes"}. The proxy exits when its
standard input closes (its parent test ended or died) and after --max-seconds (default 600) in any
case, so it cannot outlive a test for long.
"""
import argparse
import http.client
import http.server
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "te", "upgrade"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--drop-every", type=int, default=0)
    parser.add_argument("--503-every", dest="s503_every", type=int, default=0)
    parser.add_argument("--429-every", dest="s429_every", type=int, default=0)
    parser.add_argument("--delay-every", type=int, default=0)
    parser.add_argument("--delay-ms", type=int, default=100)
    parser.add_argument("--not-found", action="append", default=[])
    parser.add_argument("--only", default="/frames/")
    parser.add_argument("--match", default=None)
    parser.add_argument("--times", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    upstream = urllib.parse.urlsplit(args.upstream)

    lock = threading.Lock()
    stats = {"counted": 0, "forwarded": 0, "dropped": 0, "503": 0, "429": 0, "delayed": 0, "404": 0, "gzip": 0,
             "failed": 0, "bytes": 0}
    requests = []
    pattern = re.compile(args.match) if args.match else None

    def bump(key):
        with lock:
            stats[key] += 1

    def counted(path):
        return bool(pattern.search(path)) if pattern else args.only in path

    def hits(k, every):
        return every > 0 and k % every == 0

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):  # quiet
            pass

        def note(self, status, sent):
            with lock:
                stats["bytes"] += sent
                requests.append({"path": self.path, "status": status, "bytes": sent})

        def simple(self, status, body=b"", headers=(), log=True):
            if log:
                self.note(status, len(body))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self.handle_any("GET")

        def do_POST(self):
            self.handle_any("POST")

        def handle_any(self, method):
            if self.path == "/__proxy/stats":
                with lock:
                    body = json.dumps(stats).encode()
                return self.simple(200, body, [("Content-Type", "application/json")], log=False)
            if self.path == "/__proxy/requests":
                with lock:
                    body = json.dumps(requests).encode()
                return self.simple(200, body, [("Content-Type", "application/json")], log=False)
            length = int(self.headers.get("Content-Length") or 0)
            request_body = self.rfile.read(length) if length else None
            if any(text in self.path for text in args.not_found):
                bump("404")
                return self.simple(404, b'{"Message":"not found (injected)"}', [("Content-Type", "application/json")])
            fault = None
            if counted(self.path):
                with lock:
                    stats["counted"] += 1
                    k = stats["counted"]
                if args.times and k > args.times:
                    pass
                elif args.fail_status:
                    bump("failed")
                    return self.simple(args.fail_status, b'{"Message":"refused (injected)"}', [("Content-Type", "application/json")])
                elif hits(k, args.drop_every):
                    fault = "drop"
                elif hits(k, args.s503_every):
                    bump("503")
                    return self.simple(503, b"busy (injected)", [("Retry-After", "1"), ("Content-Type", "text/plain")])
                elif hits(k, args.s429_every):
                    bump("429")
                    return self.simple(429, b"slow down (injected)", [("Content-Type", "text/plain")])
                elif hits(k, args.delay_every):
                    bump("delayed")
                    time.sleep(args.delay_ms / 1000)
            connection = http.client.HTTPConnection(upstream.hostname, upstream.port or 80, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
            connection.request(method, self.path, body=request_body, headers=headers)
            response = connection.getresponse()
            body = response.read()
            connection.close()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault == "drop":
                bump("dropped")
                self.note(response.status, len(body) // 2)
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.close_connection = True
                return
            bump("forwarded")
            self.note(response.status, len(body))
            if (response.getheader("Content-Encoding") or "").lower() == "gzip":
                bump("gzip")
            self.wfile.write(body)

    # A parent that spawned us from a thread with signals blocked leaves them blocked here: unblock.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])

    def exit_when_stdin_closes():
        try:
            while sys.stdin.buffer.read(1):
                pass
        finally:
            os._exit(0)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    deadline = threading.Timer(args.max_seconds, lambda: os._exit(0))
    deadline.daemon = True
    deadline.start()
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
