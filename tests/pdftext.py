"""Reading the PDFs the build makes (tests/browser/test_print.py): how many pages, their size, and the text of each.

A small reader in pure Python for what Chromium writes (a classic cross-reference table, Flate-compressed content
streams, and fonts whose codes map to text through a ToUnicode table), so that the tests need no PDF library. It reads
the page tree in order, follows each page's content stream, and turns the codes of each text-showing operator into
characters with the font's ToUnicode table. Text on one line (same baseline) is joined; a new baseline starts a new
line. It is not a general PDF reader: a file it cannot read fails the test that reads it, with the reason.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_REF = rb"(\d+)\s+\d+\s+R"
_TOKEN = re.compile(
    rb"\s*(?:(?P<hex><[0-9A-Fa-f\s]*>)|(?P<lit>\()|(?P<dict><<|>>)|(?P<arr>[\[\]])|(?P<name>/[^\s/\[\]()<>{}%]*)"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))|(?P<op>[A-Za-z'\"*]+)|(?P<other>\S))"
)


class PdfError(Exception):
    pass


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    text: str


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A literal string that opens at data[start] == '(': its bytes, and where it ends."""
    out, depth, i = bytearray(), 1, start + 1
    escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
    while i < len(data):
        c = data[i]
        if c == ord("\\"):
            nxt = data[i + 1]
            if nxt in escapes:
                out += escapes[nxt]
                i += 2
            elif 48 <= nxt <= 55:
                digits = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
                assert digits
                out.append(int(digits.group(0), 8) & 0xFF)
                i += 1 + len(digits.group(0))
            else:
                out.append(nxt)
                i += 2
            continue
        if c == ord("("):
            depth += 1
        elif c == ord(")"):
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1
    raise PdfError("a string is never closed")


class Pdf:
    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"%PDF-"):
            raise PdfError("not a PDF")
        self.data = data
        self.offsets = self._xref()
        root = re.search(rb"/Root\s+" + _REF, data[data.rfind(b"trailer") :])
        if not root:
            raise PdfError("no /Root in the trailer")
        self.root = int(root.group(1))

    def _xref(self) -> dict[int, int]:
        """Where each object starts, from the cross-reference table that startxref points to."""
        start = re.search(rb"startxref\s+(\d+)", self.data[-1024:])
        if not start or not self.data.startswith(b"xref", int(start.group(1))):
            raise PdfError("no classic cross-reference table (a compressed one is not read here)")
        offsets: dict[int, int] = {}
        lines = iter(self.data[int(start.group(1)) :].split(b"trailer", 1)[0].splitlines()[1:])
        for line in lines:
            first, count = (int(n) for n in line.split())
            for number in range(first, first + count):
                offset, _, kind = next(lines).split()
                if kind == b"n":
                    offsets[number] = int(offset)
        for number, offset in offsets.items():
            found = _OBJECT.match(self.data, offset)
            if not found or int(found.group(1)) != number:
                raise PdfError(f"the cross-reference table puts object {number} where there is none")
        return offsets

    def body(self, number: int) -> bytes:
        """An object's text up to its stream or its end."""
        start = self.offsets[number]
        end = self.data.find(b"endobj", start)
        stream = self.data.find(b"stream", start, end)
        return self.data[start : stream if stream >= 0 else end]

    def stream(self, number: int) -> bytes:
        head = self.body(number)
        length = re.search(rb"/Length\s+(?:" + _REF + rb"|(\d+))", head)
        if not length:
            raise PdfError(f"object {number} has no /Length")
        size = int(length.group(2)) if length.group(2) else int(re.sub(rb"\D", b"", self.body(int(length.group(1))).split(b"obj", 1)[1]))
        start = self.offsets[number] + len(head) + len(b"stream")
        start += 2 if self.data[start : start + 2] == b"\r\n" else 1
        raw = self.data[start : start + size]
        return zlib.decompress(raw) if b"/FlateDecode" in head else raw

    def value(self, number: int, key: bytes) -> bytes | None:
        """The text of a dictionary value (a reference, an array or an inline dictionary) for /key in an object."""
        body = self.body(number)
        at = re.search(rb"/" + key + rb"(?![A-Za-z])\s*", body)
        if not at:
            return None
        rest = body[at.end() :]
        if rest.startswith(b"<<"):
            depth, i = 0, 0
            while i < len(rest):
                if rest.startswith(b"<<", i):
                    depth, i = depth + 1, i + 2
                elif rest.startswith(b">>", i):
                    depth, i = depth - 1, i + 2
                    if depth == 0:
                        return rest[:i]
                else:
                    i += 1
        if rest.startswith(b"["):
            return rest[: rest.index(b"]") + 1]
        ref = re.match(_REF, rest)
        return ref.group(0) if ref else re.match(rb"[^\s/>\]]+", rest).group(0)  # type: ignore[union-attr]

    def pages(self) -> list[int]:
        pages_root = re.search(_REF, self.value(self.root, b"Pages") or b"")
        if not pages_root:
            raise PdfError("no page tree")
        found: list[int] = []

        def walk(number: int) -> None:
            kids = self.value(number, b"Kids")
            if kids is None:
                found.append(number)
                return
            for kid in re.findall(_REF, kids):
                walk(int(kid))

        walk(int(pages_root.group(1)))
        return found

    def _cmap(self, font: int) -> tuple[dict[int, str], int]:
        """A font's codes → text, and how many bytes a code takes."""
        width = 2 if b"/Type0" in self.body(font) else 1
        table: dict[int, str] = {}
        ref = re.search(_REF, self.value(font, b"ToUnicode") or b"")
        if not ref:
            return table, width
        cmap = self.stream(int(ref.group(1)))

        def text(hexes: bytes) -> str:
            return bytes.fromhex(hexes.decode()).decode("utf-16-be")

        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, dest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(code, 16)] = text(dest)
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, dest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
                codes = range(int(low, 16), int(high, 16) + 1)
                if dest.startswith(b"["):
                    for code, each in zip(codes, re.findall(rb"<([0-9A-Fa-f]+)>", dest), strict=False):
                        table[code] = text(each)
                else:
                    first = bytes.fromhex(dest[1:-1].decode())
                    for offset, code in enumerate(codes):
                        table[code] = (first[:-2] + (int.from_bytes(first[-2:], "big") + offset).to_bytes(2, "big")).decode("utf-16-be")
        return table, width

    def page(self, number: int) -> Page:
        box = re.findall(rb"[-\d.]+", self.value(number, b"MediaBox") or b"")
        if len(box) != 4:
            raise PdfError(f"page object {number} has no /MediaBox")
        resources = self.value(number, b"Resources") or b""
        ref = re.fullmatch(_REF, resources)
        if ref:
            resources = self.body(int(ref.group(1)))
        fonts_dict = resources[resources.find(b"/Font") :]
        fonts = {name: int(obj) for name, obj in re.findall(rb"/([A-Za-z0-9_.+-]+)\s+" + _REF, fonts_dict[: fonts_dict.find(b">>") + 2])}
        contents = self.value(number, b"Contents") or b""
        stream = b"\n".join(self.stream(int(n)) for n in re.findall(_REF, contents))
        return Page(float(box[2]) - float(box[0]), float(box[3]) - float(box[1]), self._text(stream, fonts))

    def _text(self, content: bytes, fonts: dict[bytes, int]) -> str:
        """The text a content stream shows, a line per baseline."""
        cmaps: dict[bytes, tuple[dict[int, str], int]] = {}
        ctm, stack = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []  # type: ignore[var-annotated]
        line_y: float | None = None
        tm_y = 0.0
        font: tuple[dict[int, str], int] = ({}, 1)
        operands: list[bytes | list[bytes]] = []
        array: list[bytes] | None = None
        out: list[str] = []

        def show(strings: list[bytes]) -> None:
            nonlocal line_y
            y = ctm[1] * 0 + ctm[3] * tm_y + ctm[5]
            if line_y is not None and abs(y - line_y) > 1:
                out.append("\n")
            line_y = y
            table, width = font
            for raw in strings:
                for i in range(0, len(raw) - width + 1, width):
                    code = int.from_bytes(raw[i : i + width], "big")
                    out.append(table.get(code, chr(code) if width == 1 else "\ufffd"))

        pos = 0
        while pos < len(content):
            m = _TOKEN.match(content, pos)
            if not m or m.end() == pos:
                break
            pos = m.end()
            if m.group("lit"):
                string, pos = _literal(content, m.start("lit"))
                (array if array is not None else operands).append(string)  # type: ignore[arg-type]
            elif m.group("hex"):
                string = bytes.fromhex(re.sub(rb"\s", b"", m.group("hex")[1:-1]).decode().ljust(2, "0"))
                (array if array is not None else operands).append(string)  # type: ignore[arg-type]
            elif m.group("arr") == b"[":
                array = []
            elif m.group("arr") == b"]":
                operands.append(array or [])
                array = None
            elif m.group("num") or m.group("name"):
                if array is None:
                    operands.append(m.group(0).strip())
            elif m.group("op"):
                op = m.group("op")
                numbers = [float(o) for o in operands if isinstance(o, bytes) and re.fullmatch(rb"[+-]?[\d.]+", o)]
                if op == b"q":
                    stack.append(ctm)
                elif op == b"Q" and stack:
                    ctm = stack.pop()
                elif op == b"cm" and len(numbers) == 6:
                    a, b, c, d, e, f = numbers
                    A, B, C, D, E, F = ctm
                    ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
                elif op == b"Tf" and operands:
                    name = operands[0]
                    assert isinstance(name, bytes)
                    key = name.lstrip(b"/")
                    if key not in cmaps:
                        cmaps[key] = self._cmap(fonts[key]) if key in fonts else ({}, 1)
                    font = cmaps[key]
                elif op == b"Tm" and len(numbers) == 6:
                    tm_y = numbers[5]
                elif op in (b"Td", b"TD") and len(numbers) == 2:
                    tm_y += numbers[1]
                elif op == b"Tj" and operands and isinstance(operands[-1], bytes):
                    show([operands[-1]])
                elif op == b"TJ" and operands and isinstance(operands[-1], list):
                    show([s for s in operands[-1] if not re.fullmatch(rb"[+-]?[\d.]+", s)])
                elif op in (b"'", b'"') and operands and isinstance(operands[-1], bytes):
                    show([operands[-1]])
                operands = []
        return "".join(out)


def read_pdf(data: bytes) -> list[Page]:
    """Every page of a PDF, in order: its size in points and its text."""
    pdf = Pdf(data)
    return [pdf.page(number) for number in pdf.pages()]
