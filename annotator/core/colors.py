"""The colours that mean something in the project: by speaker, by status, by coder.

Pure data, so the window (:mod:`annotator.gui.palette`), the statistics charts
and the HTML report paint a speaker in the same colour everywhere.
"""

from __future__ import annotations

# Paul Tol's "muted" scheme: nine colours told apart under the common forms of
# colour blindness, and none so dark that black text on it becomes unreadable.
SPEAKER_COLORS = (
    "#CC6677",
    "#332288",
    "#DDCC77",
    "#117733",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
NO_SPEAKER = "#BBBBBB"
NO_STANCE = "#BBBBBB"
# Okabe-Ito, in an order that keeps neighbours apart: one colour per coder.
CODER_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
STATUS_COLORS = {
    "new": "#BBBBBB",
    "in_progress": "#E69F00",
    "done": "#009E73",
    "skipped": "#777777",
}
# Bars that stand for no one in particular (documents, "all other speakers").
NEUTRAL = "#4477AA"
REST = "#DDDDDD"


def speaker_color(speaker_id: int | None) -> str:
    if speaker_id is None:
        return NO_SPEAKER
    # By id, so a speaker keeps one colour in every document.
    return SPEAKER_COLORS[(speaker_id - 1) % len(SPEAKER_COLORS)]


def coder_color(index: int) -> str:
    return CODER_COLORS[index % len(CODER_COLORS)]
