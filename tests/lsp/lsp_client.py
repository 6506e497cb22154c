"""lsp_client.py - a minimal JSON-RPC client for goalc lsp's tests and bench.

Starts `goalc lsp` with pipes, frames messages with Content-Length, and
reads the server's messages back, keeping notifications apart from the
responses to requests.
"""
import json
import os
import select
import subprocess
import time


class Client:
    def __init__(self, goalc, args=(), env=None, prefix=()):
        self.proc = subprocess.Popen([*prefix, goalc, "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env)
        self.next_id = 1
        self.buf = b""
        self.notifications = []

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=20):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def _read_message(self, deadline):
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                headers = self.buf[:head_end].decode("ascii")
                length = None
                for line in headers.split("\r\n"):
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                assert length is not None, "a message without Content-Length: " + headers
                if len(self.buf) >= head_end + 4 + length:
                    body = self.buf[head_end + 4:head_end + 4 + length]
                    self.buf = self.buf[head_end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from goalc lsp")
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise EOFError("goalc lsp closed its output")
                self.buf += chunk

    def wait(self, want, timeout=20):
        for i, m in enumerate(self.notifications):
            if want(m):
                return self.notifications.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_message(deadline)
            if want(m):
                return m
            self.notifications.append(m)

    def diagnostics(self, uri, version=None, timeout=20):
        def want(m):
            return (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait(want, timeout)["params"]["diagnostics"]

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
        except (EOFError, BrokenPipeError, TimeoutError):
            pass
        self.proc.stdin.close()
        err = self.proc.stderr.read().decode()
        code = self.proc.wait(timeout=20)
        return code, err
