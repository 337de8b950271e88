"""Who to ask next: each reason in words, the ranking, and who is left out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from infoview.ask_next import ask_next, rank, reasons_text
from infoview.models import AskStatus, Contact, Conversation, Outreach, Profile, Source, Target
from infoview.store import Store

TODAY = date(2026, 12, 3)
ME = Profile(schools=["Halden University (PhD, 2021)"], fields=["science policy"])
MET = Contact(id="met", full_name="Ingrid Solberg")
SPECIFIC = "She moved from a chemistry PhD into regulatory policy; I want to ask how that went."


def _rank(contacts, asks=None, convs=None, targets=(), profile=ME):
    everyone = [MET, *contacts]
    convs = {"met": [Conversation(contact_id="met", happened_on=date(2026, 10, 1))]} | (convs or {})
    return rank(
        everyone,
        profile,
        TODAY,
        asks=asks or {},
        convs=convs,
        targets=targets,
    )


def test_each_reason_is_given_in_words():
    people = [
        Contact(id="t", full_name="Tara", organization="Globex, Inc."),
        Contact(id="a", full_name="Al", education=["PhD Biology, Halden University"]),
        Contact(id="h", full_name="Hal", education=["Haldenberg Institute"]),  # not the same
        Contact(id="s", full_name="Sam", referred_by="met"),
        Contact(id="d", full_name="Dee", source="linkedin", joined_on=date(2019, 5, 1)),
        Contact(id="f", full_name="Fay", field="Science policy"),
        Contact(id="r", full_name="Rae", reason=SPECIFIC),
    ]
    found = {
        c.contact.id: c
        for c in _rank(people, targets=[Target(organization="Globex", motivation=3)])
    }
    assert found["t"].reasons == ("works at Globex, a target employer (motivation 3 of 3)",)
    assert found["a"].reasons == ("studied at PhD Biology, Halden University, like you",)
    assert "h" not in found
    assert found["s"].reasons == ("suggested by Ingrid Solberg, whom you met",)
    assert found["d"].reasons[0].startswith("a dormant tie: connected in 2019 and never asked")
    assert found["f"].reasons == ("works in science policy, a field you are heading to",)
    assert found["r"].reasons == ("you researched them and wrote a specific reason to talk",)
    assert reasons_text(found["s"]) == "Suggested by Ingrid Solberg, whom you met."


def test_more_and_stronger_reasons_rank_higher():
    people = [
        Contact(id="one", full_name="One", field="science policy"),
        Contact(id="two", full_name="Two", referred_by="met", field="science policy"),
        Contact(id="low", full_name="Low", organization="Initech"),
        Contact(id="none", full_name="Nobody special"),
    ]
    targets = [Target(organization="Initech", motivation=1)]
    assert [c.contact.id for c in _rank(people, targets=targets)] == ["two", "one", "low"]


def test_people_asked_lately_who_declined_or_already_met_are_left_out():
    recent = Outreach(contact_id="x", status=AskStatus.SENT, sent_on=TODAY - timedelta(days=29))
    old = Outreach(contact_id="y", status=AskStatus.NO_REPLY, sent_on=TODAY - timedelta(days=31))
    declined = Outreach(
        contact_id="z",
        status=AskStatus.DECLINED,
        sent_on=date(2026, 1, 1),
        replied_on=date(2026, 1, 2),
    )
    draft = Outreach(contact_id="w", status=AskStatus.DRAFT)
    people = [Contact(id=cid, full_name=cid.upper(), field="science policy") for cid in "xyzwv"] + [
        Contact(id="gone", full_name="Gone", field="science policy", archived=True)
    ]
    asks = {"x": [recent], "y": [old], "z": [declined], "w": [draft]}
    convs = {"v": [Conversation(contact_id="v", scheduled_at=None)]}
    assert [c.contact.id for c in _rank(people, asks=asks, convs=convs)] == ["w", "y"]


def test_the_ranking_is_cached_on_the_store_until_the_data_changes(tmp_path):
    store = Store(tmp_path / "infoview.json")
    store.save(Contact(full_name="Fay", field="science policy"))
    store.save(ME)
    first = ask_next(store, TODAY)
    assert [c.contact.full_name for c in first] == ["Fay"]
    assert ask_next(store, TODAY) is first
    store.save(Contact(full_name="Gus", field="Science Policy analyst"))
    assert [c.contact.full_name for c in ask_next(store, TODAY)] == ["Fay", "Gus"]


def test_the_fast_scoring_pass_and_the_worded_one_agree():
    from infoview.ask_next import _check, _Context, _facts, _Prefs, _score_all

    people = [
        Contact(id="t", full_name="Tara", organization="Globex, Inc.", reason=SPECIFIC),
        Contact(id="a", full_name="Al", education=["Halden University"], title="Science policy"),
        Contact(id="s", full_name="Sam", referred_by="met", source="linkedin"),
        Contact(id="d", full_name="Dee", source="linkedin", joined_on=date(2019, 5, 1)),
        Contact(id="r", full_name="Rae", reason="networking"),
    ]
    prefs = _Prefs.of(ME)
    ctx = _Context(
        today=TODAY,
        met={"met"},
        names={"met": "Ingrid"},
        at_org={"globex": Target(organization="Globex", motivation=2)},
        prefs=prefs,
        dormant_before=date(2024, 12, 3),
    )
    facts = {person.id: _facts(person, prefs) for person in people}
    fast = {cid: (-s, -n) for s, n, _name, cid in _score_all(facts, ctx, {}, {})}
    assert set(fast) == {"t", "a", "s", "d"}
    for person in people:
        score, count, reasons = _check(person, ctx, (), words=True)
        assert fast.get(person.id, (0, 0)) == (score, count) and len(reasons) == count


def test_equals_at_the_cut_are_taken_by_name_and_the_rest_by_score():
    people = [
        Contact(id=f"p{i}", full_name=name, field="science policy")
        for i, name in enumerate(["zed", "Amy", "bob", "Cat", "amy"])
    ]
    people.append(Contact(id="top", full_name="Zoe", field="science policy", referred_by="met"))
    names = [
        c.contact.full_name
        for c in rank(
            [MET, *people],
            ME,
            TODAY,
            asks={},
            targets=(),
            limit=3,
            convs={"met": [Conversation(contact_id="met", happened_on=date(2026, 10, 1))]},
        )
    ]
    assert names == ["Zoe", "Amy", "amy"]


def test_the_kept_ranking_agrees_with_ranking_afresh_through_many_changes(tmp_path):
    """ask_next keeps keys across changes; after each random change it must rank exactly as
    rank() does from scratch on the same records."""
    import random

    rng = random.Random(16)
    store = Store(tmp_path / "infoview.json")
    store.save(ME)
    orgs = ["Globex", "Globex, Inc.", "Initech", "Hooli", ""]
    names = ["Ana", "ana", "Bo", "Cy", "Di", "Ed"]

    def person() -> dict:
        return {
            "full_name": rng.choice(names),
            "organization": rng.choice(orgs),
            "field": rng.choice(["", "science policy", "plumbing"]),
            "education": rng.choice([[], ["Halden University"]]),
            "reason": rng.choice(["", SPECIFIC]),
            "source": rng.choice([Source.MANUAL, Source.LINKEDIN]),
            "joined_on": rng.choice([date(2019, 1, 1), date(2026, 1, 1)]),
            "archived": rng.random() < 0.1,
        }

    for _ in range(40):
        store.save(Contact(**person()))
    for step in range(120):
        people = store.contacts(include_archived=True)
        move = rng.random()
        some = rng.choice(people)
        if move < 0.35:
            store.save(some.model_copy(update=person()), expected_revision=some.revision)
        elif move < 0.45:
            store.save(Contact(**person(), referred_by=rng.choice(people).id))
        elif move < 0.55:
            store.delete(Contact, some.id)
        elif move < 0.7:
            sent = TODAY - timedelta(days=rng.choice([3, 60]))
            store.save(Outreach(contact_id=some.id, status=AskStatus.SENT, sent_on=sent))
        elif move < 0.8:
            happened = rng.choice([None, date(2026, 10, 1)])
            store.save(Conversation(contact_id=some.id, happened_on=happened))
        elif move < 0.9:
            for target in store.targets():
                store.delete(Target, target.id)
            for org in rng.sample(orgs[:4], 2):
                store.save(Target(organization=org, motivation=rng.randint(1, 3)))
        else:  # another server writes: this one reloads every record
            Store(tmp_path / "infoview.json").save(Contact(**person()))
            assert store.refresh()
        expected = rank(
            store.contacts(include_archived=True),
            store.profile(),
            TODAY,
            asks=store.by_contact(Outreach),
            convs=store.by_contact(Conversation),
            targets=store.targets(),
        )
        got = ask_next(store, TODAY)
        assert [(c.contact.id, c.score, c.reasons) for c in got] == [
            (c.contact.id, c.score, c.reasons) for c in expected
        ], f"step {step}"


def test_a_contact_is_scored_again_only_when_it_changes(tmp_path, monkeypatch):
    import infoview.ask_next as module

    store = Store(tmp_path / "infoview.json")
    store.save(ME)
    fay = store.save(Contact(full_name="Fay", field="science policy"))
    store.save(Contact(full_name="Gus", field="plumbing"))
    seen = []
    real = module._facts
    monkeypatch.setattr(module, "_facts", lambda c, p: seen.append(c.full_name) or real(c, p))
    assert [c.contact.full_name for c in ask_next(store, TODAY)] == ["Fay"]
    assert sorted(seen) == ["Fay", "Gus"]
    seen.clear()
    store.save(fay.model_copy(update={"field": "plumbing"}), expected_revision=fay.revision)
    assert ask_next(store, TODAY) == []
    assert seen == ["Fay"]
    seen.clear()
    store.save(ME.model_copy(update={"fields": ["plumbing"]}))  # a new profile: all again
    assert [c.contact.full_name for c in ask_next(store, TODAY)] == ["Fay", "Gus"]
    assert sorted(seen) == ["Fay", "Gus"]


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "networking",
        "I want to connect and learn more about the job",
        SPECIFIC,
        "I want to learn more about how she moved from bench science into grant management.",
        "word " * 20,
    ],
)
def test_the_quick_specific_check_agrees_with_the_coach(reason):
    from infoview.coach.research import is_specific, review_reason

    assert is_specific(reason) == (review_reason(reason).level == "ok")
