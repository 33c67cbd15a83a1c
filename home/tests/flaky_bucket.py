"""An S3-compatible server for the tests (moto's server, in this process) behind a proxy that
can stop answering: `up`, `stopped` (connections refused) or `hanging` (accepted, never answered)."""

import socket
import threading

from .servers import free_port


class FlakyProxy:
    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.port = free_port()
        self.mode = "up"
        self._listener = None
        self._held = []
        self.start()

    def start(self):
        """Accept connections again, forwarding them to the bucket."""
        self.mode = "up"
        if self._listener is None:
            listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
            listener.settimeout(0.2)
            self._listener = listener
            threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        """Nothing listens: every connection is refused, as with a bucket that is down."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self._drop_held()

    def hang(self):
        """Connections are accepted and read, never answered: a bucket that hangs."""
        self.start()
        self.mode = "hanging"

    def close(self):
        self.stop()

    def _drop_held(self):
        for conn in self._held:
            conn.close()
        self._held.clear()

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.mode == "hanging":
                self._held.append(client)
                continue
            threading.Thread(target=self._forward, args=(client,), daemon=True).start()

    def _forward(self, client):
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        except OSError:
            client.close()
            return
        for source, target in ((client, upstream), (upstream, client)):
            threading.Thread(target=_pipe, args=(source, target), daemon=True).start()


def _pipe(source, target):
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for conn in (source, target):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
