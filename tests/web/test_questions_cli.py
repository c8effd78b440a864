"""`flask questions generate`: the JSON contract, determinism, filters and clear errors."""

from __future__ import annotations

import json

CONTRACT = {"id", "type", "kind", "prompt_ar", "prompt_en", "answer", "event_ids", "explanation_ar",
            "explanation_en", "sources", "difficulty"}


def generate(runner, *args):
    return runner.invoke(args=["questions", "generate", *args])


def test_json_has_the_contract_fields_and_one_right_answer(runner):
    result = generate(runner, "--count", "12", "--seed", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    questions = json.loads(result.output)
    assert len(questions) == 12
    for q in questions:
        options = q["choices"] if q["type"] == "mcq" else q["items"]
        assert CONTRACT <= set(q) and set(q) - CONTRACT == {"choices" if q["type"] == "mcq" else "items"}
        assert all(set(o) == {"id", "text_ar", "text_en", "event_id"} for o in options)
        if q["type"] == "mcq":
            assert q["answer"] in {o["id"] for o in options}
        else:
            assert sorted(q["answer"]) == sorted(o["id"] for o in options)
            assert q["answer"] != [o["id"] for o in options]


def test_the_same_seed_gives_the_same_questions(runner):
    first = generate(runner, "--count", "8", "--seed", "42").output
    assert first == generate(runner, "--count", "8", "--seed", "42").output
    assert first != generate(runner, "--count", "8", "--seed", "43").output


def test_filters_are_applied(runner):
    result = generate(runner, "--count", "4", "--era", "war-on-isis", "--kind", "order", "--kind", "when")
    assert result.exit_code == 0, result.output
    questions = json.loads(result.output)
    assert {q["kind"] for q in questions} <= {"order", "when"}


def test_text_format_reads_in_english_too(runner):
    result = generate(runner, "--count", "2", "--seed", "1", "--format", "text", "--lang", "en")
    assert result.exit_code == 0 and "1." in result.output and "✓" in result.output


def test_bad_requests_fail_clearly(runner):
    assert "unknown era" in generate(runner, "--era", "nope").output
    assert "unknown kind" in generate(runner, "--kind", "essay").output
    assert "only" in generate(runner, "--count", "40", "--era", "invasion-occupation", "--kind", "who").output
    bad_mix = generate(runner, "--difficulty", "easy=lots")
    assert bad_mix.exit_code == 2 and "level=share" in bad_mix.output
    assert generate(runner, "--count", "0").exit_code == 2


def test_review_shows_key_options_explanation_and_sources_side_by_side(runner):
    result = runner.invoke(args=["questions", "review", "--count", "6", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert result.output.count("-- for the reviewer --") == 6
    assert "✓" in result.output and "الشرح" in result.output
    assert "<- seed-00" in result.output, "each event's sources, with our note on how the date was read"


def test_review_stats_measures_kinds_eras_and_refusals(runner):
    result = runner.invoke(args=["questions", "review", "--stats", "5", "--count", "20"])
    assert result.exit_code == 0, result.output
    assert "5 quizzes, 100 questions" in result.output
    assert "ordering total" in result.output and "eras (share of questions" in result.output
    assert "candidates refused, by rule" in result.output
    assert "events each kind may ask about at all" in result.output and "minor events left out" in result.output
