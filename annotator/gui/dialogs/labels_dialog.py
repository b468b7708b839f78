"""Edit labels: the project's stances and quote types, their colours, shortcuts and order.

Every edit is one core mutation through :meth:`Session.apply`, so it is
undoable and the window refreshes from ``Session.changed``; the lists here
refresh from the same signal (an undo made elsewhere shows up too).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core import labels
from annotator.core.model import Label
from annotator.gui.dialogs import MessageLine, ask_text, swatch
from annotator.gui.elide import plain_tooltip
from annotator.gui.plain import plain_label
from annotator.gui.session import Session

KIND_TITLES = {"stance": ("Stances", "stance"), "quote_type": ("Quote types", "quote type")}


def label_text(label: Label) -> str:
    if not label.shortcut:
        return label.name
    key = QKeySequence(label.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{label.name}    ({key or label.shortcut})"


class ShortcutDialog(QDialog):
    """Press the key for a label; Clear removes it."""

    def __init__(self, label: Label, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set shortcut")
        self.editor = QKeySequenceEdit(QKeySequence(label.shortcut))
        self.editor.setMaximumSequenceLength(1)
        self.editor.setClearButtonEnabled(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt = plain_label(QLabel(f"Press the key that sets {label.name!r}:"))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.editor.setFocus()

    def shortcut(self) -> str:
        """The key in portable text ("Ctrl+1"), or "" for none."""
        return self.editor.keySequence().toString(QKeySequence.SequenceFormat.PortableText)


class LabelList(QGroupBox):
    """The labels of one kind with the buttons that edit them."""

    def __init__(self, session: Session, kind: str, parent: QWidget | None = None) -> None:
        title, self.noun = KIND_TITLES[kind]
        super().__init__(title, parent)
        self.session = session
        self.kind = kind

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self.rename)

        self.add_button = QPushButton("Add…")
        self.rename_button = QPushButton("Rename…")
        self.recolour_button = QPushButton("Colour…")
        self.shortcut_button = QPushButton("Shortcut…")
        self.describe_button = QPushButton("Describe…")
        self.describe_button.setToolTip("What the label means: the codebook every export carries")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.delete_button = QPushButton("Delete")
        self.add_button.setToolTip(f"Add a {self.noun}")
        self.delete_button.setToolTip(f"Delete the {self.noun} (only if no quote uses it)")
        for button, slot in (
            (self.add_button, self.add),
            (self.rename_button, self.rename),
            (self.recolour_button, self.recolour),
            (self.shortcut_button, self.set_shortcut),
            (self.describe_button, self.describe),
            (self.up_button, self.move_up),
            (self.down_button, self.move_down),
            (self.delete_button, self.delete),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)

        buttons = QVBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.recolour_button,
            self.shortcut_button,
            self.describe_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    # -- reading -----------------------------------------------------------------

    def labels(self) -> list[Label]:
        return self.session.store.labels(self.kind)

    def current(self) -> Label | None:
        item = self.list.currentItem()
        if item is None:
            return None
        label_id = item.data(Qt.ItemDataRole.UserRole)
        return next((label for label in self.labels() if label.id == label_id), None)

    def refresh(self, select: int | None = None) -> None:
        """Reload from the store, keeping (or moving to) the selected label."""
        if select is None:
            current = self.current()
            select = current.id if current is not None else None
        self.list.clear()
        for label in self.labels():
            item = QListWidgetItem(swatch(label.color), label_text(label))
            item.setData(Qt.ItemDataRole.UserRole, label.id)
            tip = f"{label.name}: colour {label.color}, shortcut {label.shortcut or 'none'}"
            item.setToolTip(
                plain_tooltip(f"{tip}\n{label.description}" if label.description else tip)
            )
            self.list.addItem(item)
            if label.id == select:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        chosen = row >= 0
        for button in (
            self.rename_button,
            self.recolour_button,
            self.shortcut_button,
            self.describe_button,
            self.delete_button,
        ):
            button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.list.count() - 1)

    # -- editing -----------------------------------------------------------------

    def add(self) -> None:
        name = ask_text(self, f"Add {self.noun}", f"Name of the new {self.noun}:")
        if name is None:
            return
        change = self.session.apply(labels.add_label, self.kind, name)
        if change is not None and change.labels_after:
            self.refresh(select=change.labels_after[0].id)

    def rename(self) -> None:
        label = self.current()
        if label is None:
            return
        name = ask_text(
            self,
            f"Rename {self.noun}",
            f"New name for {label.name!r} (its quotes follow it):",
            label.name,
        )
        if name is not None and name != label.name:
            self.session.apply(labels.update_label, label.id, name=name)

    def recolour(self) -> None:
        label = self.current()
        if label is None:
            return
        dialog = QColorDialog(QColor(label.color), self)
        dialog.setWindowTitle(f"Colour of {label.name}")
        dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        color = dialog.selectedColor().name()
        if color.casefold() != label.color.casefold():
            self.session.apply(labels.update_label, label.id, color=color)

    def set_shortcut(self) -> None:
        label = self.current()
        if label is None:
            return
        dialog = ShortcutDialog(label, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.shortcut() != label.shortcut:
            self.session.apply(labels.update_label, label.id, shortcut=dialog.shortcut())

    def describe(self) -> None:
        label = self.current()
        if label is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(f"Describe {label.name}")
        dialog.setLabelText(f"What {label.name!r} means (the codebook; empty for none):")
        dialog.setTextValue(label.description)
        dialog.resize(max(dialog.sizeHint().width(), 420), dialog.sizeHint().height())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        description = " ".join(dialog.textValue().split())
        if description != label.description:
            self.session.apply(labels.update_label, label.id, description=description)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, step: int) -> None:
        label = self.current()
        if label is None:
            return
        position = self.list.currentRow() + step
        if 0 <= position < self.list.count():
            self.session.apply(labels.move_label, label.id, position)

    def delete(self) -> None:
        label = self.current()
        if label is None:
            return
        row = self.list.currentRow()
        if self.session.apply(labels.delete_label, label.id) is not None:
            self.list.setCurrentRow(min(row, self.list.count() - 1))


class LabelsDialog(QDialog):
    """Stances and quote types side by side; a line at the bottom says what the core refused."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Edit labels")

        self.stances = LabelList(session, "stance")
        self.quote_types = LabelList(session, "quote_type")
        self.message = MessageLine()
        hint = QLabel("Changes are saved at once; Edit → Undo takes them back.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        lists = QHBoxLayout()
        lists.addWidget(self.stances)
        lists.addWidget(self.quote_types)
        layout = QVBoxLayout(self)
        layout.addLayout(lists, 1)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        # Listening only while open: a closed dialog must not keep reacting to the session.
        session.changed.connect(self._changed)
        session.failed.connect(self.message.show_error)
        self._listening = True
        self.finished.connect(self._disconnect)

    def _changed(self, change: object) -> None:
        self.message.clear()
        if getattr(change, "labels", False):
            self.stances.refresh()
            self.quote_types.refresh()

    def _disconnect(self) -> None:
        if self._listening:
            self.session.changed.disconnect(self._changed)
            self.session.failed.disconnect(self.message.show_error)
            self._listening = False
