"""The Redis cache while Redis does not answer: a miss at once, not a timeout at every read."""

import os
import socket
import threading

import pytest
from django.core.cache import cache

from hague_portal.lib.cache import PausingConnection


class SilentRedis:
    """A server that takes connections and never answers (a hung Redis); counts connections."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.sock.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def silent_redis(settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: without Redis the cache is in-process")
    server = SilentRedis()
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": f"redis://127.0.0.1:{server.port}/1"}
    }
    PausingConnection.resume()
    yield server
    server.close()
    PausingConnection.resume()


def test_a_redis_that_stopped_answering_is_tried_once_then_skipped_for_a_while(silent_redis):
    # Each read would otherwise wait out SOCKET_TIMEOUT: rate limits and the reference data's
    # version read the cache on every request.
    answers = [cache.get(f"key-{n}", "missed") for n in range(10)]
    assert answers == ["missed"] * 10
    assert len(silent_redis.connections) == 1


def test_the_cache_is_tried_again_after_the_pause(silent_redis, monkeypatch):
    cache.get("key")
    monkeypatch.setattr(PausingConnection, "_paused_until", 0.0)  # the pause has run out
    cache.get("key")
    assert len(silent_redis.connections) == 2
