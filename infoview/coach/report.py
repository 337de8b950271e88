"""The coach report: how well the coaches agree with our labelled corpora.

Pure: it reads the TOML files of tests/coach_corpus/, runs the coaches on them and returns
figures and Markdown. `make coach-report` prints the Markdown and saves it to
docs/coach-report.md; `make bench` adds its summary to the benchmarks file.
"""

from __future__ import annotations

import statistics
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from infoview.coach.ask import READY_SCORE, RULES, Level, review_ask
from infoview.models import CallMode, Contact, Outreach

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "coach_corpus"

# Labels whose finding is a problem (the score must fall below READY_SCORE). An empty subject
# is a problem too; a generic one only a warning.
PROBLEM_RULES = frozenset({"empty", "placeholders", "job_ask", "vague"})
# The floor every rule must reach on the corpus, and the target for the micro figures.
RULE_FLOOR = 0.9
MICRO_TARGET = 0.95


@dataclass(frozen=True)
class Email:
    """One labelled email of the corpus."""

    id: str
    field: str
    situation: str
    subject: str
    body: str
    labels: frozenset[str]
    hard: str = ""
    to: str = ""
    org: str = ""
    topics: tuple[str, ...] = ()
    in_person: bool = False

    @property
    def problem(self) -> bool:
        """True when a label is a problem, so the email must not score as ready."""
        return bool(self.labels & PROBLEM_RULES) or (
            "subject" in self.labels and not self.subject.strip()
        )


def load_emails(path: Path | None = None) -> list[Email]:
    """Return the emails of a corpus file (by default tests/coach_corpus/emails.toml)."""
    data = tomllib.loads((path or CORPUS / "emails.toml").read_text(encoding="utf-8"))
    return [
        Email(
            id=e["id"],
            field=e["field"],
            situation=e["situation"],
            subject=e.get("subject", ""),
            body=e.get("body", ""),
            labels=frozenset(e.get("labels", [])),
            hard=e.get("hard", ""),
            to=e.get("to", ""),
            org=e.get("org", ""),
            topics=tuple(e.get("topics", [])),
            in_person=bool(e.get("in_person", False)),
        )
        for e in data["email"]
    ]


def review_email(email: Email):
    """Review a corpus email the way the Ask page would, with its contact and mode."""
    contact = Contact(full_name=email.to, organization=email.org) if email.to else None
    ask = None
    if email.topics or email.in_person:
        ask = Outreach.model_construct(
            topics=list(email.topics),
            minutes=15,
            mode=CallMode.IN_PERSON if email.in_person else CallMode.PHONE,
        )
    return review_ask(email.subject, email.body, contact, ask)


def flagged(review) -> frozenset[str]:
    """Return the rules a review found at warn or above."""
    return frozenset(f.rule for f in review.findings if f.level in (Level.WARN, Level.PROBLEM))


@dataclass(frozen=True)
class Score:
    """Agreement figures for one rule (or all together)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Disagreement:
    item: str
    rule: str
    expected: bool  # True: labelled but not found; False: found but not labelled
    note: str = ""


@dataclass
class SetResult:
    """Per-label agreement on one labelled set, with every disagreement."""

    name: str
    size: int
    rules: dict[str, Score] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def micro(self) -> Score:
        return Score(
            sum(s.tp for s in self.rules.values()),
            sum(s.fp for s in self.rules.values()),
            sum(s.fn for s in self.rules.values()),
        )

    def below_floor(self, floor: float = RULE_FLOOR) -> list[str]:
        """Return the labels whose precision or recall is under the floor."""
        return [r for r, s in self.rules.items() if min(s.precision, s.recall) < floor]


def compare(
    name: str,
    items: Iterable[tuple[str, frozenset[str], frozenset[str], str]],
    labels: Iterable[str],
) -> SetResult:
    """Compare expected and found label sets; items are (id, expected, found, note)."""
    items = list(items)
    result = SetResult(name, len(items))
    counts = {label: [0, 0, 0] for label in labels}
    for item, expected, found, note in items:
        for label in sorted(expected | found):
            tally = counts.setdefault(label, [0, 0, 0])
            if label in expected and label in found:
                tally[0] += 1
            elif label in found:
                tally[1] += 1
                result.disagreements.append(Disagreement(item, label, False, note))
            else:
                tally[2] += 1
                result.disagreements.append(Disagreement(item, label, True, note))
    result.rules = {label: Score(*c) for label, c in counts.items() if any(c)}
    return result


@dataclass
class EmailReport:
    result: SetResult
    problem_scores: list[tuple[str, int]]
    clean_scores: list[tuple[str, int]]

    @property
    def problems_at_or_above_ready(self) -> list[tuple[str, int]]:
        return [(i, s) for i, s in self.problem_scores if s >= READY_SCORE]

    @property
    def clean_below_ready(self) -> list[tuple[str, int]]:
        return [(i, s) for i, s in self.clean_scores if s < READY_SCORE]


def email_report(emails: list[Email] | None = None) -> EmailReport:
    """Run the ask coach over the email corpus."""
    emails = load_emails() if emails is None else emails
    items, problem, clean = [], [], []
    for email in emails:
        review = review_email(email)
        found = flagged(review)
        items.append((email.id, email.labels, found, ""))
        if email.problem:
            problem.append((email.id, review.score))
        elif not email.labels:
            clean.append((email.id, review.score))
    return EmailReport(compare("Outreach emails", items, RULES), problem, clean)


# --- Markdown ----------------------------------------------------------------------------


def _table(result: SetResult) -> list[str]:
    lines = [
        "| Rule | Labelled | Found | Agree | Precision | Recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for rule, s in sorted(result.rules.items()):
        mark = " ⚠" if min(s.precision, s.recall) < RULE_FLOOR else ""
        lines.append(
            f"| {rule}{mark} | {s.tp + s.fn} | {s.tp + s.fp} | {s.tp} | {s.precision:.2f} | "
            f"{s.recall:.2f} | {s.f1:.2f} |"
        )
    m = result.micro
    lines.append(
        f"| **micro** | {m.tp + m.fn} | {m.tp + m.fp} | {m.tp} | **{m.precision:.2f}** | "
        f"**{m.recall:.2f}** | **{m.f1:.2f}** |"
    )
    return lines


def _disagreements(result: SetResult) -> list[str]:
    if not result.disagreements:
        return ["No disagreements."]
    lines = []
    for d in sorted(result.disagreements, key=lambda d: (d.item, d.rule)):
        kind = "missed (labelled, not found)" if d.expected else "false alarm (found, not labelled)"
        note = f" — {d.note}" if d.note else ""
        lines.append(f"- `{d.item}` {d.rule}: {kind}{note}")
    return lines


def _distribution(scores: list[tuple[str, int]]) -> str:
    values = [s for _, s in scores]
    if not values:
        return "none"
    bands = {}
    for v in values:
        band = min(v // 10 * 10, 90)
        bands[band] = bands.get(band, 0) + 1
    spread = ", ".join(f"{b}–{b + 9 if b < 90 else 100}: {n}" for b, n in sorted(bands.items()))
    return (
        f"{len(values)} emails, min {min(values)}, median {statistics.median(values):g}, "
        f"max {max(values)} ({spread})"
    )


def email_markdown(report: EmailReport) -> list[str]:
    r = report.result
    m = r.micro
    lines = [
        "## Outreach emails (the ask coach)",
        "",
        f"{r.size} labelled emails (tests/coach_corpus/emails.toml). A rule agrees when it "
        "finds a warning or a problem exactly where the email is labelled with it. "
        f"Targets: every rule ≥ {RULE_FLOOR} precision and recall, micro ≥ {MICRO_TARGET}.",
        "",
        f"Micro precision {m.precision:.3f}, recall {m.recall:.3f}, F1 {m.f1:.3f}.",
        "",
        *_table(r),
        "",
        f'### Scores against "ready to send" ({READY_SCORE})',
        "",
        f"- Emails labelled with a problem: {_distribution(report.problem_scores)}; "
        f"at or above {READY_SCORE}: "
        + (", ".join(f"`{i}` ({s})" for i, s in report.problems_at_or_above_ready) or "none")
        + ".",
        f"- Clean emails: {_distribution(report.clean_scores)}; below {READY_SCORE}: "
        + (", ".join(f"`{i}` ({s})" for i, s in report.clean_below_ready) or "none")
        + ".",
        "",
        "### Every disagreement",
        "",
        *_disagreements(r),
    ]
    return lines


# --- the other labelled sets: one label per item ----------------------------------------


def load_items(name: str, table: str) -> list[dict]:
    """Return the items of tests/coach_corpus/<name>.toml."""
    data = tomllib.loads((CORPUS / f"{name}.toml").read_text(encoding="utf-8"))
    return data[table]


def reason_report() -> SetResult:
    """The reason coach on the labelled reasons: is each one specific?"""
    from infoview.coach.research import reason_is_specific

    items = []
    for i, item in enumerate(load_items("reasons", "reason"), 1):
        expected = frozenset({"specific"} if item["specific"] else {"generic"})
        found = frozenset({"specific"} if reason_is_specific(item["text"]) else {"generic"})
        items.append((f"reason-{i:02d}", expected, found, item["text"]))
    return compare("Compelling reasons", items, ["specific", "generic"])


def set_markdown(title: str, result: SetResult, what: str) -> list[str]:
    m = result.micro
    return [
        f"## {title}",
        "",
        f"{result.size} labelled items: {what}. Micro precision {m.precision:.3f}, recall "
        f"{m.recall:.3f}.",
        "",
        *_table(result),
        "",
        "### Every disagreement",
        "",
        *_disagreements(result),
    ]


def _reason_section() -> list[str]:
    return set_markdown(
        "Compelling reasons (the reason coach)",
        reason_report(),
        "tests/coach_corpus/reasons.toml; each reason is specific (names something about "
        "this person) or generic, and the research checklist ticks only specific ones",
    )


STORY_RULES = ("job_seeking", "negative", "repetition")


def story_report() -> SetResult:
    """The story coach on the labelled 30-second introductions."""
    from infoview.models import Profile
    from infoview.story import review_intro

    items = []
    for i, item in enumerate(load_items("stories", "story"), 1):
        found = frozenset(
            f.rule
            for f in review_intro(item["text"], Profile())
            if f.rule in STORY_RULES and f.level == "warn"
        )
        items.append((f"story-{i:02d}", frozenset(item["labels"]), found, item["text"][:80]))
    return compare("Story answers", items, STORY_RULES)


def _story_section() -> list[str]:
    return set_markdown(
        "Your story (the introduction coach)",
        story_report(),
        "tests/coach_corpus/stories.toml; each labelled with job-seeking framing, a negative "
        "tone about the current field, and repetition where they occur",
    )


# Other labelled sets add a section each.
SECTIONS: list[Callable[[], list[str]]] = [_reason_section, _story_section]


def markdown() -> str:
    """Return the whole coach report as Markdown."""
    lines = ["# Coach report", "", "Made by `make coach-report` from tests/coach_corpus/.", ""]
    lines += email_markdown(email_report())
    for section in SECTIONS:
        lines += ["", *section()]
    return "\n".join(lines) + "\n"


def summary() -> str:
    """Return a few lines for the benchmarks file."""
    report = email_report()
    m = report.result.micro
    low = report.result.below_floor()
    return (
        f"Ask coach on {report.result.size} labelled emails: micro precision {m.precision:.3f}, "
        f"recall {m.recall:.3f}; rules under {RULE_FLOOR}: {', '.join(low) or 'none'}; "
        f"problem emails at or above {READY_SCORE}: {len(report.problems_at_or_above_ready)}, "
        f"clean emails below it: {len(report.clean_below_ready)}. "
        "Details in docs/coach-report.md (`make coach-report`)."
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    text = markdown()
    print(text)
    if args:
        out = Path(args[0])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"Written to {out}")


if __name__ == "__main__":
    main()
