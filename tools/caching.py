"""A small, bounded, thread-safe memory of recently used values.

Several things are worth remembering between questions (a catalogue read from disk, a
workspace's schema, the embeddings of short terms) but must not grow without bound in a
server with many sessions: the least recently used entries go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class LruCache(Generic[Key, Value]):
    def __init__(self, size: int) -> None:
        self._items: OrderedDict[Key, Value] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Key, build: Callable[[], Value]) -> Value:
        """The remembered value, or `build()` remembered (built outside the lock)."""
        found = self.lookup([key])
        if key in found:
            return found[key]
        value = build()
        self.put(key, value)
        return value

    def lookup(self, keys: Iterable[Key]) -> dict[Key, Value]:
        """The remembered values of those `keys` that have one."""
        with self._lock:
            found = {}
            for key in keys:
                if key in self._items:
                    self._items.move_to_end(key)
                    found[key] = self._items[key]
            return found

    def put(self, key: Key, value: Value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (as a fresh process would)."""
        with self._lock:
            self._items.clear()
