"""Vietnamese folding: searches match with or without accents, đ included."""

from __future__ import annotations

import unicodedata

import pytest

from hotline.text import contains_folded, fold, nfc, words


@pytest.mark.parametrize(("text", "folded"), [
    ("Bạo lực gia đình", "bao luc gia dinh"),
    ("ĐỒNG THÁP", "dong thap"),
    ("Đà Nẵng", "da nang"),
    ("đ Đ d D", "d d d d"),
    ("Phường Hoàn Kiếm", "phuong hoan kiem"),
    ("Thừa Thiên Huế", "thua thien hue"),
    ("ưu tiên, khẩn cấp!", "uu tien, khan cap!"),
    ("Nguyễn Thị Thủy", "nguyen thi thuy"),
    ("", ""),
    ("0912 345 678", "0912 345 678"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_decomposed_input_folds_like_composed() -> None:
    """Windows input methods (and some files) send NFD: base letter + combining marks."""
    composed = "Luật Phòng, chống bạo lực gia đình — Điều 22"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "luat phong, chong bao luc gia dinh — dieu 22"
    assert nfc(decomposed) == composed


def test_words_are_folded_and_ordered() -> None:
    assert words("Chồng đánh vợ, đòi tiền!") == ["chong", "danh", "vo", "doi", "tien"]
    assert words("  ") == []


def test_contains_folded() -> None:
    assert contains_folded("Bị chồng đánh nhiều lần", "danh chong")
    assert contains_folded("Bị chồng đánh nhiều lần", "ĐÁNH")
    assert not contains_folded("Bị chồng đánh nhiều lần", "tien")
