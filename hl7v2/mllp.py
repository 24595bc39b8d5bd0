"""MLLP framing (pure: no Django, no I/O).

A frame is `<SB=0x0b> payload <EB=0x1c><CR=0x0d>`. `FrameDecoder.feed(bytes)` returns what the bytes
completed, in order: `Frame`s and `FramingError`s. It never buffers more than `max_frame` bytes of
one frame: a longer frame is read to its end and discarded, keeping only its first `head` bytes
(enough for its MSH, so the listener can still answer AR).

Tolerated without complaint: CR/LF/whitespace between frames, and an EB not followed by CR (the
frame ends at EB). Reported: `junk` (other bytes outside a frame), `restarted` (an SB inside a
frame: the partial frame is dropped), `oversize`, and at end of stream `truncated` (closed mid-frame).
"""

from __future__ import annotations

from dataclasses import dataclass

SB, EB, CR = 0x0B, 0x1C, 0x0D
START, END = b"\x0b", b"\x1c\x0d"


def frame(payload: bytes) -> bytes:
    return START + payload + END


@dataclass(frozen=True)
class Frame:
    payload: bytes


@dataclass(frozen=True)
class FramingError:
    reason: str  # junk | restarted | oversize | truncated
    size: int  # bytes concerned
    head: bytes = b""  # oversize: the frame's first bytes


class FrameDecoder:
    def __init__(self, *, max_frame: int, head: int = 64 * 1024):
        self.max_frame, self.head_size = max_frame, head
        self.in_frame = False
        self._buf = bytearray()
        self._size = 0
        self._discarding = False
        self._skip_cr = False
        self.begun = 0  # frames started so far (the listener times each frame from its start)

    def _begin(self) -> None:
        self.begun += 1
        self.in_frame, self._buf, self._size, self._discarding = True, bytearray(), 0, False

    def _append(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._discarding:
            return
        if self._size > self.max_frame:
            self._discarding = True
            del self._buf[self.head_size :]
            room = self.head_size - len(self._buf)
            if room > 0:
                self._buf += chunk[:room]
            return
        self._buf += chunk

    def feed(self, data: bytes) -> list[Frame | FramingError]:
        out: list[Frame | FramingError] = []
        i, n = 0, len(data)
        while i < n:
            if not self.in_frame:
                if self._skip_cr:
                    self._skip_cr = False
                    if data[i] == CR:
                        i += 1
                        continue
                j = data.find(START, i)
                outside = data[i:] if j < 0 else data[i:j]
                if outside.strip():
                    out.append(FramingError("junk", len(outside)))
                if j < 0:
                    break
                self._begin()
                i = j + 1
                continue
            k_eb, k_sb = data.find(b"\x1c", i), data.find(START, i)
            if k_sb >= 0 and (k_eb < 0 or k_sb < k_eb):  # a new frame starts before this one ended
                self._append(data[i:k_sb])
                out.append(FramingError("restarted", self._size))
                self._begin()
                i = k_sb + 1
                continue
            if k_eb < 0:
                self._append(data[i:])
                break
            self._append(data[i:k_eb])
            if self._discarding:
                out.append(FramingError("oversize", self._size, bytes(self._buf)))
            else:
                out.append(Frame(bytes(self._buf)))
            self.in_frame, self._buf, self._skip_cr = False, bytearray(), True
            i = k_eb + 1
        return out

    def eof(self) -> list[FramingError]:
        """The stream ended: a frame still open is truncated."""
        if self.in_frame:
            self.in_frame = False
            return [FramingError("truncated", self._size)]
        return []
