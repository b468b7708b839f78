"""Keys per quote in the real window, offscreen: the sample article's quotations annotated
with the quotation key by a coder whose registry already knows the speakers.

Run: python tests/bench/bench_flow.py
Counted per quote: every key from selecting the quotation (a click in it, then W) to its
stance (Q, the speaker, Enter, the stance digit); clicks and the A for further pieces are
not keys of that stretch. Target: median 5 or fewer, with no caret travel.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core import speakers  # noqa: E402
from annotator.core.importing import import_seeds  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.session import Session  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402
from tests.gui.test_acceptance import (  # noqa: E402
    KNOWN_SPEAKERS,
    QUOTATIONS,
    annotate_by_quotation,
)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "project.db"
        with Store.open(path) as store:
            import_seeds(store)
            for name in KNOWN_SPEAKERS:
                speakers.create_speaker(store, name)
        window = MainWindow(
            Session(Store.open(path), "bench"), Settings(Path(folder) / "settings.json")
        )
        window.show()
        window.activateWindow()
        app.processEvents()
        keys = []
        for quotation in QUOTATIONS:
            count, _ = annotate_by_quotation(window, quotation)
            keys.append(count)
            print(f"{count} keys  {quotation.speaker:<20} {quotation.pieces[0]}")
        pieces = sum(len(q.pieces) for q in QUOTATIONS)
        print(
            f"{len(QUOTATIONS)} quotes ({pieces} pieces): keys per quote from selecting the "
            f"quotation to the stance: median {statistics.median(keys)}, "
            f"mean {statistics.mean(keys):.2f}, max {max(keys)}"
        )
        window.close()


if __name__ == "__main__":
    main()
