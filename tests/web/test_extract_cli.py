"""`flask chronology extract`: candidates with exact offsets, both formats, clear errors."""

from __future__ import annotations

import json

TEXT = "في 20 مارس (آذار) 2003 بدأت الحرب. وفي التاسع من أبريل دخلت القوات بغداد، وكان عددها 5000 جندي.\n"


def test_json_candidates_point_at_their_clauses(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    result = runner.invoke(args=["chronology", "extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    assert [c["date"] for c in candidates] == ["2003-03-20", "2003-04-09"]
    for c in candidates:
        assert {"doc", "date", "precision", "qualifier", "text_ar", "start", "end"} <= set(c)
        assert TEXT[c["start"]:c["end"]] == c["text_ar"]
    assert "baghdad" in candidates[1]["places"]


def test_text_format_is_one_line_per_candidate(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(args=["chronology", "extract", str(path), "--format", "text"])
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) == 2


def test_a_file_that_is_not_utf8_is_refused_clearly(runner, tmp_path):
    path = tmp_path / "cp1256.txt"
    path.write_bytes(TEXT.encode("cp1256"))
    result = runner.invoke(args=["chronology", "extract", str(path)])
    assert result.exit_code == 1 and "not UTF-8" in result.output
