"""The project's speakers by name and alias, held in memory while rows are written.

Imports (:mod:`annotator.core.bulk`) and merges (:mod:`annotator.core.merge`)
look a speaker up for every quote they bring in; a SELECT each time would
dominate their run. :class:`SpeakerRegistry` reads the speakers once and
keeps its maps current as it adds speakers and aliases, inside the caller's
transaction.
"""

from __future__ import annotations

import json
import sqlite3


class SpeakerRegistry:
    """Casefolded names and aliases -> speaker id; id -> name and aliases.

    Where one spelling belongs to several speakers, the first by id keeps it.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.names: dict[int, str] = {}
        self.aliases: dict[int, list[str]] = {}
        self._any: dict[str, int] = {}
        self._names: dict[str, int] = {}
        for speaker_id, name, aliases in conn.execute(
            "SELECT id, name, aliases FROM speakers ORDER BY id"
        ):
            self._remember(speaker_id, name, list(json.loads(aliases)))

    def _remember(self, speaker_id: int, name: str, aliases: list[str]) -> None:
        self.names[speaker_id] = name
        self.aliases[speaker_id] = aliases
        self._names.setdefault(name.casefold(), speaker_id)
        for known in (name, *aliases):
            self._any.setdefault(known.casefold(), speaker_id)

    def find(self, spelling: str, *, name_first: bool = False) -> int | None:
        """The speaker named or also known as ``spelling`` (any case).

        With ``name_first`` a speaker whose name it is wins over one that has
        it as an alias.
        """
        folded = spelling.casefold()
        if name_first and folded in self._names:
            return self._names[folded]
        return self._any.get(folded)

    def add(self, name: str, aliases: list[str], description: str = "") -> int:
        """Insert a speaker (``aliases`` none of which is known yet); its id."""
        cursor = self.conn.execute(
            "INSERT INTO speakers (name, aliases, description) VALUES (?, ?, ?)",
            (name, json.dumps(aliases, ensure_ascii=False), description),
        )
        speaker_id = int(cursor.lastrowid or 0)
        self._remember(speaker_id, name, aliases)
        return speaker_id

    def extend(self, speaker_id: int, fresh: list[str]) -> None:
        """Give a known speaker more aliases (none of them known yet)."""
        if not fresh:
            return
        kept = self.aliases[speaker_id]
        kept.extend(fresh)
        self.conn.execute(
            "UPDATE speakers SET aliases = ? WHERE id = ?",
            (json.dumps(kept, ensure_ascii=False), speaker_id),
        )
        for alias in fresh:
            self._any.setdefault(alias.casefold(), speaker_id)
