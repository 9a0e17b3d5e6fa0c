"""The German argumentative microtexts (Peldszus & Stede 2015, CC BY-NC-SA 4.0).

Each text has EDUs (elementary discourse units) whose concatenation is the
text, ADUs (argumentative units) made of one or more EDUs, each with a role
(proponent/opponent), relations between them, and the author's stance
towards the trigger question of the text's topic.  Offsets are computed
against the ``.txt`` file, so spans can be compared with argmine's units.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml.ElementTree import parse as safe_parse

from argmine.errors import ArgmineError

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "arg-microtexts"
_TRIGGER = re.compile(r"^\*\s+`(?P<topic>[^`]+)`\s*\n\s*\n?\s*de:\s*(?P<question>.+?)\s*$", re.M)


@dataclass
class ADU:
    id: str
    role: str  # "pro" (proponent) | "opp" (opponent)
    spans: list[tuple[int, int]]
    central: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class MicroText:
    id: str
    topic: str | None
    stance: str | None  # "pro" | "con" towards the topic's trigger question
    text: str
    edus: list[tuple[int, int]]
    adus: list[ADU] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (src, trg, type)

    @property
    def boundaries(self) -> set[int]:
        """Gold internal unit boundaries: the start offsets of all EDUs but the first."""
        return {start for start, _ in self.edus[1:]}


def find_corpus(path: Path | str | None = None) -> Path:
    """The corpus folder (``corpus/de`` inside it), or an ArgmineError saying what is missing."""
    base = Path(path) if path else DEFAULT_DIR
    folder = base / "corpus" / "de" if (base / "corpus" / "de").is_dir() else base
    if not any(folder.glob("micro_*.xml")):
        raise ArgmineError(f"{base}: no arg-microtexts corpus found (expected corpus/de/micro_*.xml)")
    return folder


def trigger_questions(path: Path | str | None = None) -> dict[str, str]:
    """Topic id -> German trigger question, from ``topics_triggers.md``."""
    folder = find_corpus(path)
    for candidate in (folder / "topics_triggers.md", folder.parents[1] / "topics_triggers.md"):
        if candidate.exists():
            text = candidate.read_text("utf-8")
            return {m["topic"]: m["question"] for m in _TRIGGER.finditer(text)}
    return {}


def _edu_offsets(text: str, edus: list[str], source: str) -> list[tuple[int, int]]:
    offsets, position = [], 0
    for edu in edus:
        piece = edu.strip()
        start = text.find(piece, position)
        if start < 0:
            raise ArgmineError(f"{source}: EDU not found in the text: {piece[:40]!r}")
        offsets.append((start, start + len(piece)))
        position = start + len(piece)
    return offsets


def load_text(xml_path: Path) -> MicroText:
    root: ET.Element = safe_parse(str(xml_path)).getroot()
    text = xml_path.with_suffix(".txt").read_text("utf-8")
    edu_ids = [edu.get("id") for edu in root.findall("edu")]
    edus = _edu_offsets(text, [edu.text or "" for edu in root.findall("edu")], str(xml_path))
    edu_span = dict(zip(edu_ids, edus))
    edges = [(e.get("src"), e.get("trg"), e.get("type")) for e in root.findall("edge")]
    segments: dict[str, list[tuple[int, int]]] = {}
    for src, trg, kind in edges:
        if kind == "seg":
            segments.setdefault(trg, []).append(edu_span[src])
    attacking = {src for src, _, kind in edges if kind in {"sup", "exa", "reb", "und", "add"}}
    adus = [
        ADU(id=adu.get("id"), role=adu.get("type"), spans=sorted(segments.get(adu.get("id"), [])),
            central=adu.get("id") not in attacking)
        for adu in root.findall("adu")
    ]
    return MicroText(id=root.get("id"), topic=root.get("topic_id"), stance=root.get("stance"),
                     text=text, edus=edus, adus=sorted(adus, key=lambda a: a.start), edges=edges)


def load_corpus(path: Path | str | None = None) -> list[MicroText]:
    """All German microtexts, in id order."""
    return [load_text(xml) for xml in sorted(find_corpus(path).glob("micro_*.xml"))]
