"""A local OpenAI-compatible chat completions server, for tests of the remote brain.

It is a real HTTP server on 127.0.0.1 (a free port, one thread per request), so the real
`openai` client inside `ChatOpenAI` talks to it exactly as it would to OpenAI, Ollama or
vLLM: JSON replies, or server-sent events when the request asks for `"stream": true`.
Every request is recorded byte for byte, so a test can check what left the machine.

What it answers is scripted per test: a queue of replies (a tool call, a text, unreadable
tool arguments, an HTTP error, a reply slower than the client's timeout), and when the
queue is empty a responder function, such as `KeywordModel`, that reads the request.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

COMPLETIONS_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class ToolCallReply:
    name: str
    arguments: str
    """Sent as given: a JSON object as text, or anything else to test unreadable arguments."""
    call_id: str


@dataclass(frozen=True)
class Reply:
    """One scripted answer of the stub."""

    text: str | None = None
    tool_calls: tuple[ToolCallReply, ...] = ()
    status: int = 200
    error: str = ""
    delay: float = 0.0


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]
    raw: bytes

    @property
    def body(self) -> dict[str, Any]:
        return json.loads(self.raw)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))


Responder = Callable[[dict[str, Any]], Reply]


@dataclass
class OpenAIStub:
    """Start with `start()` (or use as a context manager); `url` is `http://127.0.0.1:PORT`."""

    responder: Responder | None = None
    requests: list[RecordedRequest] = field(default_factory=list)
    _queue: deque[Reply] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _calls: int = 0

    # -- scripting ---------------------------------------------------------------------
    def queue_text(self, text: str) -> None:
        self._queue.append(Reply(text=text))

    def queue_tool_call(self, name: str, arguments: dict[str, Any] | str | None = None) -> str:
        """Queue a call of one tool; returns its call id."""
        raw = arguments if isinstance(arguments, str) else json.dumps(arguments or {})
        call = ToolCallReply(name, raw, self._next_call_id())
        self._queue.append(Reply(tool_calls=(call,)))
        return call.call_id

    def queue_error(self, status: int, message: str = "stub error") -> None:
        self._queue.append(Reply(status=status, error=message))

    def queue_delay(self, seconds: float, then: Reply | None = None) -> None:
        """A reply that comes only after `seconds` (by default a short text)."""
        reply = then or Reply(text="Sorry for the wait.")
        self._queue.append(Reply(reply.text, reply.tool_calls, reply.status, reply.error,
                                 seconds))

    def _next_call_id(self) -> str:
        with self._lock:
            self._calls += 1
            return f"call_{self._calls}"

    # -- what was sent -----------------------------------------------------------------
    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.requests]

    @property
    def url(self) -> str:
        assert self._server is not None, "start the stub first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- life cycle --------------------------------------------------------------------
    def start(self) -> OpenAIStub:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.stub = self  # type: ignore[attr-defined]
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- answering ---------------------------------------------------------------------
    def _answer(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(body)
        return Reply(status=500, error="the stub has no reply scripted for this request")


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        del format, args

    def do_POST(self) -> None:
        stub: OpenAIStub = self.server.stub  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        stub.requests.append(RecordedRequest(
            self.path, {k.lower(): v for k, v in self.headers.items()}, raw))
        if self.path.rstrip("/") != COMPLETIONS_PATH:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        body = json.loads(raw or b"{}")
        reply = stub._answer(body)
        if reply.delay and stub._stop.wait(reply.delay):
            return
        try:
            if reply.status != 200:
                self._json(reply.status, {"error": {"message": reply.error, "type": "stub_error",
                                                    "code": reply.status}})
            elif body.get("stream"):
                self._stream(body, reply)
            else:
                self._json(200, completion(body, reply))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (timeout tests)

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, body: dict[str, Any], reply: Reply) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        for chunk in stream_chunks(body, reply):
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


# -- the wire format ------------------------------------------------------------------
def completion(body: dict[str, Any], reply: Reply) -> dict[str, Any]:
    """A non-streaming chat completion."""
    message: dict[str, Any] = {"role": "assistant", "content": reply.text}
    if reply.tool_calls:
        message["tool_calls"] = [
            {"id": c.call_id, "type": "function",
             "function": {"name": c.name, "arguments": c.arguments}}
            for c in reply.tool_calls]
    return {**_envelope(body, "chat.completion"),
            "choices": [{"index": 0, "message": message, "finish_reason": _finish(reply)}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def stream_chunks(body: dict[str, Any], reply: Reply) -> list[dict[str, Any]]:
    """The same answer as server-sent chunks: words one by one, tool arguments in pieces."""
    base = _envelope(body, "chat.completion.chunk")

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    chunks = [chunk({"role": "assistant", "content": ""})]
    for word in re.findall(r"\S+\s*", reply.text or ""):
        chunks.append(chunk({"content": word}))
    for index, call in enumerate(reply.tool_calls):
        chunks.append(chunk({"tool_calls": [{
            "index": index, "id": call.call_id, "type": "function",
            "function": {"name": call.name, "arguments": ""}}]}))
        for start in range(0, len(call.arguments), 16):
            piece = call.arguments[start:start + 16]
            chunks.append(chunk({"tool_calls": [{"index": index,
                                                 "function": {"arguments": piece}}]}))
    chunks.append(chunk({}, _finish(reply)))
    return chunks


def _envelope(body: dict[str, Any], kind: str) -> dict[str, Any]:
    return {"id": f"chatcmpl-{time.monotonic_ns()}", "object": kind, "created": int(time.time()),
            "model": body.get("model", "stub-model")}


def _finish(reply: Reply) -> str:
    return "tool_calls" if reply.tool_calls else "stop"


# -- a model that answers by keywords ----------------------------------------------------
@dataclass
class KeywordModel:
    """A stand-in model: picks a tool from the last user message by keyword rules, and after
    a tool result answers with the result's summary (so its numbers went round the loop).

    `rules` are (words, tool, arguments): the first rule with a word in the question wins.
    A question no rule matches gets `fallback` as text.
    """

    rules: list[tuple[tuple[str, ...], str, dict[str, Any]]]
    fallback: str = "I can only help with customer segments and feedback, not individuals."
    _calls: int = 0

    def __call__(self, body: dict[str, Any]) -> Reply:
        messages = body.get("messages", [])
        last = messages[-1] if messages else {}
        if last.get("role") == "tool":
            return Reply(text=_answer_from_tool(str(last.get("content") or "")))
        question = _text_of(last).lower()
        for words, tool, arguments in self.rules:
            if any(word in question for word in words):
                self._calls += 1
                return Reply(tool_calls=(ToolCallReply(tool, json.dumps(arguments),
                                                       f"kw_{self._calls}"),))
        return Reply(text=self.fallback)


def _answer_from_tool(content: str) -> str:
    try:
        view = json.loads(content)
    except json.JSONDecodeError:
        return f"The tool could not run: {content[:200]}"
    if not isinstance(view, dict):
        return "The tool returned something I cannot read."
    return f"Here is what I found. {view.get('summary', '')}".strip()


def _text_of(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content or "")
