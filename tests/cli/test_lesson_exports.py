"""Gradebook (CSV), reports (Markdown, HTML, JSON), xAPI export and regrade, on a recorded class."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import statistics
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from negotiation_sim.classroom.grading import findings, trait_scores
from negotiation_sim.store import Store

from ..store.classroom_helpers import (
    CONTENT,
    GRADED,
    PRACTICE,
    copy_db,
    query,
    run_cli,
    run_main,
    scripted,
    stdin_for,
)
from ..store.xapi_validator import validate_statement

TRAITS = (
    "big_picture",
    "other_side_needs",
    "agenda_control",
    "mutual_pressure",
    "discipline",
    "client_needs",
)


@pytest.fixture(scope="module")
def class_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ana by the book, bo aggressive, cy a pushover twice (graded); dee practises with two hints."""
    db = tmp_path_factory.mktemp("class") / "class.db"
    takes = [("ana", "by-the-book"), ("bo", "aggressive"), ("cy", "pushover"), ("cy", "by-the-book")]
    for student, strategy in takes:
        code, _, err = run_main(
            "lesson",
            GRADED,
            "--student",
            student,
            "--db",
            str(db),
            "--plain",
            "--quiet",
            stdin=stdin_for(scripted(GRADED, strategy)),
        )
        assert code == 0, err
    (lines,) = scripted(PRACTICE)
    code, _, err = run_main(
        "lesson",
        PRACTICE,
        "--student",
        "dee",
        "--name",
        "Dee Park",
        "--db",
        str(db),
        "--plain",
        "--quiet",
        stdin="/hint\n/hint\n" + stdin_for([lines]),
    )
    assert code == 0, err
    return db


def _attempt_of(db: Path, student: str, lesson: str = GRADED) -> int:
    return int(query(db, "SELECT MIN(id) FROM attempts WHERE student_id = ? AND lesson_id = ?", student, lesson)[0][0])


# --- gradebook ---------------------------------------------------------------------------------------------
def test_the_gradebook_csv_has_one_row_per_student_with_their_grades(class_db: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "grades.csv"
    code, out, _ = run_main("gradebook", GRADED, "--db", str(class_db), "--csv", str(out_file))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"), newline="")))
    assert [r["student"] for r in rows] == ["ana", "bo", "cy"]
    assert list(rows[0]) == [
        "student",
        "name",
        "attempts",
        "finished",
        "best_grade",
        "latest_grade",
        "passed",
        "calls_scored",
        *(f"trait_{t}" for t in TRAITS),
        "compliance_findings",
        "critical_findings",
        "hints_used",
    ]
    with Store.open(class_db) as store:
        for row in rows:
            runs = store.runs(student=row["student"], lesson=GRADED)
            grades = [r.grade for r in runs if r.grade is not None]
            assert int(row["attempts"]) == len(runs) == (2 if row["student"] == "cy" else 1)
            assert float(row["best_grade"]) == max(grades)
            assert float(row["latest_grade"]) == grades[-1]
            assert row["passed"] == ("yes" if any(r.passed for r in runs) else "no")
            cards = [store.scorecard(a.id).card for a in store.attempts(student=row["student"], lesson=GRADED)]  # type: ignore[union-attr]
            assert int(row["calls_scored"]) == len(cards) == 2 * len(runs)
            for trait in TRAITS:
                values = [trait_scores(c)[trait] for c in cards if trait in trait_scores(c)]
                expected = "" if not values else f"{round(statistics.fmean(values), 1):g}"
                assert row[f"trait_{trait}"] == expected
            assert int(row["compliance_findings"]) == sum(len(findings(c)) for c in cards)
    assert int(rows[1]["critical_findings"]) >= 1  # the aggressive caller threatened
    best = [float(r["best_grade"]) for r in rows]
    assert f"mean {round(statistics.fmean(best), 1):g}, standard deviation {round(statistics.stdev(best), 1):g}" in out
    assert "weakest traits:" in out and f"Wrote 3 row(s) to {out_file}" in out


def test_the_gradebook_json_summary_names_the_weakest_traits(class_db: Path) -> None:
    code, out, _ = run_main("gradebook", GRADED, "--db", str(class_db), "--json")
    assert code == 0
    book = json.loads(out)
    summary = book["summary"]
    means = {t: m for t, m in summary["trait_means"].items() if m is not None}
    assert summary["weakest"] == sorted(means, key=lambda t: (means[t], t))[:3]
    assert summary["students"] == 3 and summary["graded"] == 3
    assert 0 <= summary["pass_rate"] <= 1
    empty = run_main("gradebook", "no-such-lesson", "--db", str(class_db))
    assert empty[0] == 0 and "No attempts recorded for lesson 'no-such-lesson'" in empty[1]


# --- reports ----------------------------------------------------------------------------------------------
def test_the_markdown_report_links_every_piece_of_evidence_to_a_line(class_db: Path) -> None:
    attempt = _attempt_of(class_db, "bo")
    code, md, _ = run_main("report", str(attempt), "--format", "md", "--db", str(class_db))
    assert code == 0
    for heading in (
        "# Call report: ",
        "## Scorecard",
        "### Traits",
        "### Tips",
        "### Compliance findings",
        "## Transcript",
        "## Hidden-state timeline",
    ):
        assert heading in md
    anchors = set(re.findall(r'<a id="(e\d+)"></a>', md))
    targets = set(re.findall(r"\]\(#(e\d+)\)", md))
    assert targets and targets <= anchors
    with Store.open(class_db) as store:
        events = store.events(attempt)
        card = store.scorecard(attempt).card  # type: ignore[union-attr]
    assert anchors == {f"e{e['i']}" for e in events}  # every event has its place: a line or a timeline row
    for finding in card["compliance"]:
        assert f"(#e{finding['i']})" in md
    states = [e for e in events if e["type"] == "debtor_state"]
    assert len(re.findall(r"^\| <a id=\"e\d+\"></a>\d+ \|", md, flags=re.M)) == len(states)


class Page(HTMLParser):
    VOID: ClassVar[set[str]] = {
        "meta",
        "br",
        "hr",
        "img",
        "input",
        "link",
        "col",
        "area",
        "base",
        "embed",
        "source",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.style = ""
        self.errors: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value is not None:
                self.hrefs.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_the_html_report_stands_alone_and_prints_well(class_db: Path, tmp_path: Path) -> None:
    attempt = _attempt_of(class_db, "dee", PRACTICE)
    out_file = tmp_path / "report.html"
    code, _, err = run_main("report", str(attempt), "--format", "html", "--out", str(out_file), "--db", str(class_db))
    assert code == 0 and "Wrote the report" in err
    html = out_file.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == [] and page.stack == []
    assert not {"script", "link", "img", "iframe", "object", "embed", "audio", "video"} & set(page.tags)
    assert not [a for a, _ in page.attrs if a in ("src", "srcset") or a.startswith("on")]
    assert "url(" not in page.style and "@import" not in page.style and "@font-face" not in page.style
    assert "@media print" in page.style and "@page" in page.style
    assert len(page.ids) == len(set(page.ids))
    assert page.hrefs and all(h.startswith("#") and h[1:] in page.ids for h in page.hrefs)
    assert "default-src 'none'" in html
    with Store.open(class_db) as store:
        events = store.events(attempt)
        hints = store.hints(attempt)
    assert {f"e{e['i']}" for e in events} <= set(page.ids)  # every event has its place in the page
    assert "Hints used" in html and len(hints) == 2 and all(escape(h.text) in html for h in hints)
    assert sum(1 for e in events if e["type"] == "trainee_said") == html.count('class="collector"')


def test_the_json_report_carries_the_stored_call(class_db: Path) -> None:
    attempt = _attempt_of(class_db, "ana")
    code, out, _ = run_main("report", str(attempt), "--format", "json", "--db", str(class_db))
    assert code == 0
    data = json.loads(out)
    with Store.open(class_db) as store:
        events = store.events(attempt)
        score = store.scorecard(attempt)
    assert score is not None
    assert data["events"] == events and data["scorecard"] == score.card
    assert data["grade"]["grade"] == score.grade and data["attempt"]["id"] == attempt
    assert data["integrity"] == {
        "events_hash": data["attempt"]["events_hash"],
        "intact": True,
        "problems": [],
    }
    assert len(data["transcript"]) == sum(1 for e in events if e["type"] != "debtor_state")
    assert [r["i"] for r in data["timeline"]] == [e["i"] for e in events if e["type"] == "debtor_state"]
    assert data["scenario"]["title"] == "A first reminder that gets forgotten"
    assert data["lesson"] == {"id": GRADED, "title": "Classroom test lesson (graded)"}
    assert re.fullmatch(r"PT(\d+M)?[\d.]+S", data["attempt"]["duration"])


def test_a_report_of_an_unknown_attempt_is_a_clear_error(class_db: Path) -> None:
    code, _, err = run_main("report", "9999", "--db", str(class_db))
    assert code == 2 and "no attempt 9999" in err


# --- xAPI -------------------------------------------------------------------------------------------------
def test_export_xapi_writes_one_valid_statement_per_finished_call(class_db: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "statements.json"
    code, _, err = run_main(
        "export-xapi",
        "--db",
        str(class_db),
        "--out",
        str(out_file),
        "--base-iri",
        "https://training.example.com/xapi",
    )
    assert code == 0, err
    statements = json.loads(out_file.read_text(encoding="utf-8"))
    assert isinstance(statements, list)
    finished = query(class_db, "SELECT COUNT(*) FROM attempts WHERE status = 'finished'")[0][0]
    assert len(statements) == finished == 9
    for st in statements:
        assert validate_statement(st) == [], st
    assert len({st["id"] for st in statements}) == len(statements)
    by_student: dict[str, list[dict[str, object]]] = {}
    for st in statements:
        by_student.setdefault(st["actor"]["account"]["name"], []).append(st)
    assert {st["verb"]["display"]["en-US"] for st in by_student["dee"]} == {"completed"}
    assert {st["verb"]["display"]["en-US"] for st in by_student["bo"]} == {"failed"}
    assert by_student["dee"][0]["actor"]["name"] == "Dee Park"
    # the two calls of one sitting share a registration; cy's two sittings do not
    cy = [st["context"]["registration"] for st in by_student["cy"]]
    assert cy[0] == cy[1] and cy[2] == cy[3] and cy[0] != cy[2]
    graded = json.loads(run_main("export-xapi", "--db", str(class_db), "--lesson", GRADED)[1])
    assert len(graded) == 8
    assert all(st["context"]["contextActivities"]["grouping"][0]["id"].endswith(f"/lessons/{GRADED}") for st in graded)
    again = json.loads(run_main("export-xapi", "--db", str(class_db), "--lesson", GRADED)[1])
    assert [st["id"] for st in again] == [st["id"] for st in graded]


# --- regrade and integrity --------------------------------------------------------------------------------
def test_regrade_with_an_unchanged_rubric_changes_nothing(class_db: Path, tmp_path: Path) -> None:
    db = copy_db(class_db, tmp_path / "copy.db")
    code, out, _ = run_main("regrade", "--db", str(db))
    assert code == 0
    assert (
        "Regraded 9 finished call(s) with the current rubrics: 0 grade(s) changed, 0 other scorecard(s) "
        "updated, 9 unchanged." in out
    )


def test_regrade_applies_a_changed_rubric_to_every_stored_call(class_db: Path, tmp_path: Path) -> None:
    db = copy_db(class_db, tmp_path / "copy.db")
    content = tmp_path / "content"
    (content / "lessons").mkdir(parents=True)
    lesson = yaml.safe_load((CONTENT / "lessons" / f"{GRADED}.yaml").read_text(encoding="utf-8"))
    lesson["rubric"] = {
        "weights": {"traits": 0.2, "tips": 0.2, "outcome": 0.5, "compliance": 0.1},
        "pass_mark": 90,
    }
    (content / "lessons" / f"{GRADED}.yaml").write_text(yaml.safe_dump(lesson), encoding="utf-8")
    shutil.copy(CONTENT / "lessons" / f"{PRACTICE}.yaml", content / "lessons")
    before = dict(query(db, "SELECT attempt_id, grade FROM scorecards"))
    code, out, err = run_main("regrade", "--db", str(db), "--lesson", GRADED, "--dry-run", content=content)
    assert code == 0, err
    assert dict(query(db, "SELECT attempt_id, grade FROM scorecards")) == before  # a dry run stores nothing
    code, out, err = run_main("regrade", "--db", str(db), "--lesson", GRADED, content=content)
    assert code == 0, err
    after = dict(query(db, "SELECT attempt_id, grade FROM scorecards"))
    changed = [a for a in after if after[a] != before[a]]
    assert changed and f"{len(changed)} grade(s) changed, {8 - len(changed)} other scorecard(s) updated" in out
    for attempt_id in changed:
        assert f"attempt {attempt_id} (" in out and f"{before[attempt_id]:g} → {after[attempt_id]:g}" in out
    with Store.open(db) as store:
        for attempt in store.attempts(lesson=GRADED):
            score = store.scorecard(attempt.id)
            assert score is not None and score.card["rubric"]["pass_mark"] == 90
        for run in store.runs(lesson=GRADED):
            grades = [store.scorecard(a.id).grade for a in store.run_attempts(run.id)]  # type: ignore[union-attr]
            assert run.grade == round(sum(grades) / len(grades), 1)
    assert "lesson run" in out


def test_regrade_finds_a_tampered_event_row_and_exits_non_zero(class_db: Path, tmp_path: Path) -> None:
    db = copy_db(class_db, tmp_path / "copy.db")
    victim = _attempt_of(db, "bo")
    with Store.open(db) as store:
        said = next(e for e in store.events(victim) if e["type"] == "trainee_said" and "threat" in e["moves"])
        store.conn.execute(
            "UPDATE events SET data = ? WHERE attempt_id = ? AND i = ?",
            (
                json.dumps(
                    {**said, "text": "Thank you, take your time.", "moves": ["acknowledge"]},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
                victim,
                said["i"],
            ),
        )
    before = query(db, "SELECT data FROM scorecards WHERE attempt_id = ?", victim)
    result = run_cli("regrade", "--db", str(db))
    assert result.returncode == 3
    assert f"TAMPERED: attempt {victim} (bo, {GRADED}" in result.stdout
    assert "the events do not match the hash sealed when the call finished" in result.stdout
    assert result.stdout.count("TAMPERED:") == 1
    assert query(db, "SELECT data FROM scorecards WHERE attempt_id = ?", victim) == before  # left as it was
    code, out, err = run_main("export-xapi", "--db", str(db))
    assert code == 3 and f"attempt {victim} left out" in err and len(json.loads(out)) == 8
    code, _, err = run_main("report", str(victim), "--db", str(db))
    assert code == 0 and "warning" in err
