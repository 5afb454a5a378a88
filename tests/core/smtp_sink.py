"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), recording what it accepts."""

from __future__ import annotations

import threading
import time
from email import message_from_bytes, policy
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


class Sink:
    """Accepts every message; ``stall_rcpt`` makes the next conversation hang before the
    recipient is accepted (so a client killed then has sent nothing)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.stall_rcpt = threading.Event()
        self.stalled = threading.Event()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.stall_rcpt.is_set():
            self.stalled.set()
            import asyncio

            while self.stall_rcpt.is_set():
                await asyncio.sleep(0.05)
            return "451 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 30) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_sink(port: int | None = None) -> tuple[Sink, Controller]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return sink, controller
