"""The widgets that give way at a large font (hotline.ui.fitting): fields two pairs a line
that go one pair a line when narrow, a check box whose text wraps, status texts that never
widen the window, a status bar on two lines, table columns as wide as their values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from hotline.ui.fitting import (
    ElidedLabel,
    FittingStatusBar,
    ReflowGroup,
    WrapCheckBox,
    fit_columns,
)

pytestmark = pytest.mark.gui


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


class _Holder(QWidget):
    """A window holding one widget (a window's least size is its layout's: a group box as
    a window of its own could never be narrower than its wide arrangement)."""

    def __init__(self, child: QWidget) -> None:
        super().__init__()
        QVBoxLayout(self).addWidget(child)
        self.child = child

    def resize_child(self, width: int, height: int) -> None:
        margins = self.layout().contentsMargins()
        self.resize(width + margins.left() + margins.right(),
                    height + margins.top() + margins.bottom())


def _group(qtbot, title: str = "Người gọi") -> tuple[ReflowGroup, dict[str, QWidget],
                                                     _Holder]:
    """Two lines of two pairs (caption, field), and a note spanning the whole width."""
    group = ReflowGroup(title)
    holder = _Holder(group)
    qtbot.addWidget(holder)
    grid = group.grid
    widgets: dict[str, QWidget] = {}
    for row, names in enumerate((("Số điện thoại", "Kênh"), ("Tên, bí danh", "Quan hệ"))):
        for col, name in enumerate(names):
            caption, field = QLabel(name, group), QLineEdit(group)
            field.setMinimumWidth(180)
            grid.addWidget(caption, row, 2 * col)
            grid.addWidget(field, row, 2 * col + 1)
            widgets[name] = field
    note = QLabel("Ghi chú trải hết chiều ngang", group)
    grid.addWidget(note, 2, 0, 1, 4)
    widgets["note"] = note
    return group, widgets, holder


def test_reflow_group_puts_the_second_pair_under_the_first_when_narrow(qtbot):
    group, fields, holder = _group(qtbot)
    holder.resize_child(900, 200)
    holder.show()
    _settle()
    assert not group.narrowed
    assert fields["Kênh"].y() == fields["Số điện thoại"].y()  # side by side
    wide_least = group.grid.totalMinimumSize().width()

    narrow = group.minimumSizeHint().width()
    assert narrow < wide_least  # what the window is asked for: the one-pair-a-line form
    holder.resize_child(narrow, 400)
    _settle()
    assert group.width() == narrow and group.narrowed
    phone, channel = fields["Số điện thoại"], fields["Kênh"]
    assert channel.y() > phone.y() and channel.x() == phone.x()  # under it, same column
    assert fields["Tên, bí danh"].y() > channel.y()  # the next line after both
    for field in fields.values():
        assert field.geometry().right() <= group.contentsRect().right(), "cut on the right"

    holder.resize_child(900, 200)  # wide again: back to two pairs a line
    _settle()
    assert not group.narrowed and channel.y() == phone.y()


def test_reflow_group_title_wraps_inside_when_longer_than_the_box(qtbot):
    title = "Người bị ảnh hưởng (khi người gọi không phải là họ)"
    group, _fields, holder = _group(qtbot, title)
    holder.resize_child(1000, 200)
    holder.show()
    _settle()
    assert group.title() == title and not group.title_wrapped
    width = QFontMetrics(group.font()).horizontalAdvance(title) // 2
    holder.resize_child(max(width, group.minimumSizeHint().width()), 400)
    _settle()
    assert group.title_wrapped and group.heading.isVisible()
    assert group.heading.text() == title and group.title() == ""
    assert group.accessibleName() == title  # a screen reader still hears the title
    assert group.heading.height() >= group.heading.heightForWidth(group.heading.width())


def test_reflow_group_moves_widgets_only(qtbot):
    group = ReflowGroup("Nhóm")
    qtbot.addWidget(group)
    group.grid.addLayout(QVBoxLayout(), 0, 0)
    with pytest.raises(TypeError, match="widgets only"):
        group.minimumSizeHint()


def test_wrap_check_box_wraps_its_text_and_toggles_from_any_line(qtbot):
    text = "Đồng ý chia sẻ thông tin với dịch vụ hỗ trợ"
    box = WrapCheckBox(text)
    qtbot.addWidget(box)
    one_line = box.sizeHint()
    assert box.minimumSizeHint().width() < one_line.width() // 2
    assert box.heightForWidth(one_line.width()) == one_line.height()
    narrow = one_line.width() // 3
    assert box.heightForWidth(narrow) >= 2 * box.fontMetrics().height()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(box)
    holder.resize(narrow, 300)
    holder.show()
    _settle()
    assert box.width() < one_line.width()
    assert box.height() >= box.heightForWidth(box.width()), "its lines are cut"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 5,
                                                                box.height() - 5))
    assert box.isChecked()  # the last line is part of the box
    assert box.text() == text and box.grab().width() == box.width()  # paints narrow


def test_elided_label_keeps_the_whole_text_and_gives_up_width(qtbot):
    label = ElidedLabel()
    qtbot.addWidget(label)
    long_text = "Đồng bộ lỗi: " + "không kết nối được thư mục mạng \\\\may-chu\\bao-cao " * 3
    label.setText(long_text)
    assert label.text() == long_text
    assert label.minimumSizeHint().width() < label.sizeHint().width() // 4
    label.resize(200, 30)
    label.show()
    _settle()
    assert label.elided() and QLabel.text(label).endswith("…")
    assert label.toolTip() == long_text and label.accessibleDescription() == long_text
    label.resize(label.sizeHint().width(), 30)
    _settle()
    assert not label.elided() and label.toolTip() == ""


def test_status_bar_goes_on_two_lines_rather_than_widen_the_window(qtbot):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    bar = FittingStatusBar(window)
    window.setStatusBar(bar)
    window.setCentralWidget(QWidget())
    texts = [QLabel(t) for t in ("Người trực: Trần Thị Lan (Điện thoại viên)",
                                 "Đang ghi cuộc gọi: 03:12")]
    right = [QLabel("Đồng bộ lúc 17:30 25/11"), QLabel("Sao lưu lúc 17:31 ✓")]
    for label in texts:
        bar.addWidget(label)
    for label in right:
        bar.addPermanentWidget(label)
    one_line = sum(w.sizeHint().width() for w in texts + right)
    window.resize(one_line + 200, 300)
    window.show()
    _settle()
    assert len({w.y() for w in texts + right}) == 1  # one line
    assert right[-1].geometry().right() > texts[-1].geometry().right()  # permanent: right
    single = bar.height()

    assert window.minimumSizeHint().width() < one_line // 2
    window.resize(one_line // 2, 300)
    _settle()
    assert right[0].y() > texts[0].y(), "no second line"
    assert bar.height() > single
    for label in texts + right:  # every text whole and inside the bar
        assert label.width() >= label.sizeHint().width(), label.text()
        assert bar.rect().contains(label.geometry().translated(bar.line.pos())), label.text()

    bar.removeWidget(right[0])
    assert right[0].isHidden()


def test_fit_columns_shows_one_line_values_and_titles_whole(qtbot):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(1, 3)
    model.setHorizontalHeaderLabels(["Thời gian", "Khẩn cấp rất dài tiêu đề", "Tóm tắt"])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    font = QFont(table.font())
    font.setPointSize(18)
    table.setFont(font)
    table.horizontalHeader().setFont(font)
    fit_columns(table, {0: "00/00/0000 00:00", 1: 40}, stretch=(2, 150))
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    assert table.columnWidth(0) > metrics.horizontalAdvance("00/00/0000 00:00")
    assert table.columnWidth(1) > metrics.horizontalAdvance("Khẩn cấp rất dài tiêu đề")
    table.resize(QSize(table.columnWidth(0) + table.columnWidth(1) + 60, 200))
    table.show()
    _settle()
    assert table.columnWidth(2) >= 150  # too little room left: it scrolls, not squeezed
    table.resize(QSize(table.columnWidth(0) + table.columnWidth(1) + 600, 200))
    _settle()
    assert table.columnWidth(2) > 400  # room again: it takes the rest
