"""Target employers: organization matching, the method's order, who you know, suggestions."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from infoview.models import Contact, Target
from infoview.pipeline import Stage
from infoview.store import Store
from infoview.targets import (
    TargetError,
    contacts_by_org,
    coverage,
    network_suggestions,
    org_key,
    save_target,
    sort_key,
    target_rows,
)


@pytest.mark.parametrize(
    "name",
    [
        "Globex",
        "Globex, Inc.",
        "GLOBEX INC",
        "globex corporation",
        "The Globex Company",
        " Globex  Ltd. ",
    ],
)
def test_names_match_whatever_the_case_punctuation_or_legal_suffix(name):
    assert org_key(name) == "globex"


def test_different_organizations_stay_different():
    assert org_key("Globex Labs") != org_key("Globex")
    assert org_key("Société Générale SA") == org_key("societe generale")
    assert org_key("") == ""


def test_the_methods_order_motivation_then_postings_then_alumni():
    targets = [
        Target(organization="Alpha", motivation=2, postings=True),
        Target(organization="Beta", motivation=3),
        Target(organization="Gamma", motivation=3, alumni=True),
        Target(organization="Delta", motivation=3, postings=True),
        Target(organization="Epsilon", motivation=1, postings=True, alumni=True),
    ]
    order = [t.organization for t in sorted(targets, key=sort_key)]
    assert order == ["Delta", "Gamma", "Beta", "Alpha", "Epsilon"]


def test_each_target_lists_the_people_known_there_with_their_stages():
    people = [
        Contact(id="a", full_name="Ana", organization="Globex, Inc."),
        Contact(id="b", full_name="Bo", organization="globex"),
        Contact(id="c", full_name="Cy", organization="Initech"),
        Contact(id="d", full_name="Di", organization="Globex", archived=True),
    ]
    stages = {"a": Stage.CONNECTED, "b": Stage.MET}
    targets = [Target(organization="Globex"), Target(organization="Hooli")]
    by_id = {c.id: c for c in people}
    by_org = {k: [c.id for c in v] for k, v in contacts_by_org(people).items()}
    globex, hooli = target_rows(targets, by_org, stages, by_id.get)
    assert [(p.full_name, s) for p, s in globex.shown] == [
        ("Bo", Stage.MET),
        ("Ana", Stage.CONNECTED),
    ]
    assert globex.stage_text == "1 Met · 1 Connected" and globex.met == 1 and globex.count == 2
    assert hooli.shown == () and hooli.count == hooli.met == 0
    assert coverage([globex, hooli]) == (1, 2)


def test_suggestions_are_where_the_user_knows_most_people_not_yet_listed():
    people = [Contact(full_name=f"P{i}", organization="Initech LLC") for i in range(3)]
    people += [Contact(full_name="Q", organization="initech")]
    people += [Contact(full_name=f"G{i}", organization="Globex") for i in range(5)]
    people += [Contact(full_name="H", organization="Hooli")]
    by_org = contacts_by_org(people)
    assert network_suggestions(by_org, []) == [("Globex", 5), ("Initech LLC", 4), ("Hooli", 1)]
    listed = [Target(organization="Globex, Inc.")]
    assert network_suggestions(by_org, listed, limit=1) == [("Initech LLC", 4)]


def test_saving_refuses_a_blank_name_and_an_organization_already_listed(tmp_path):
    store = Store(tmp_path / "infoview.json")
    globex = save_target(store, {"organization": "Globex", "motivation": 3, "notes": "New lab"})
    with pytest.raises(TargetError, match="already on your list"):
        save_target(store, {"organization": "GLOBEX, Inc."})
    with pytest.raises(TargetError, match="write the organization"):
        save_target(store, {"organization": "  "})
    with pytest.raises(TargetError, match="Motivation"):
        save_target(store, {"organization": "Hooli", "motivation": 5})
    assert store.count("targets") == 1
    renamed = save_target(store, {"organization": "Globex, Inc.", "motivation": 2}, globex)
    assert (renamed.id, renamed.organization, renamed.notes) == (
        globex.id,
        "Globex, Inc.",
        "New lab",
    )


def test_target_rows_agree_with_counting_every_person_one_by_one():
    """The fast path (only people past "connected" are looked at) counts as a plain walk does."""
    import random

    rng = random.Random(7)
    orgs = ["Globex", "Globex Inc.", "Hooli", "Initech", "Umbrella"]
    people = [
        Contact(
            id=f"p{i}",
            full_name=f"{rng.choice('ABCDE')}{i}",
            organization=rng.choice(orgs),
            archived=rng.random() < 0.1,
        )
        for i in range(300)
    ]
    stages = {c.id: rng.choice(list(Stage)) for c in people if rng.random() < 0.7}
    targets = [Target(organization=o) for o in ("Globex", "Hooli", "Umbrella", "Nowhere")]
    by_org = contacts_by_org(people)
    by_id = {c.id: c for c in people}
    ids = {key: [c.id for c in there] for key, there in by_org.items()}
    for row in target_rows(targets, ids, stages, by_id.get):
        there = by_org.get(org_key(row.target.organization), [])
        found = [(c, stages.get(c.id, Stage.CONNECTED)) for c in there]
        walk = sorted(found, key=lambda pair: (-pair[1], pair[0].full_name.casefold()))
        assert row.count == len(there)
        assert dict(row.stage_counts) == dict(Counter(s for _, s in found))
        assert [(c.id, s) for c, s in row.shown] == [(c.id, s) for c, s in walk[:8]]


def test_the_kept_target_list_agrees_with_building_it_afresh_through_many_changes(tmp_path):
    """target_list keeps who is where across changes; after each random change it must
    give exactly what target_rows gives from scratch on the same records."""
    import random

    from infoview.models import AskStatus, Conversation, Outreach
    from infoview.next_steps import stages_of
    from infoview.targets import org_groups, target_list

    rng = random.Random(18)
    store = Store(tmp_path / "infoview.json")
    for org in ("Globex", "Hooli"):
        store.save(Target(organization=org))
    orgs = ["Globex", "globex inc.", "Hooli", "Initech", ""]

    def person() -> dict:
        return {
            "full_name": rng.choice(["Ana", "ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"]),
            "organization": rng.choice(orgs),
            "archived": rng.random() < 0.1,
            "reason": rng.choice(["", "", "She moved from the lab into policy."]),
        }

    for _ in range(30):
        store.save(Contact(**person()))
    for step in range(100):
        people = store.contacts(include_archived=True)
        some = rng.choice(people)
        move = rng.random()
        if move < 0.5:
            store.save(some.model_copy(update=person()), expected_revision=some.revision)
        elif move < 0.65:
            store.save(Contact(**person()))
        elif move < 0.75:
            store.delete(Contact, some.id)
        elif move < 0.82:
            store.save(Conversation(contact_id=some.id, happened_on=date(2026, 10, 1)))
        elif move < 0.9:
            store.save(
                Outreach(contact_id=some.id, status=AskStatus.SENT, sent_on=date(2026, 11, 2))
            )
        else:
            Store(tmp_path / "infoview.json").save(Contact(**person()))
            assert store.refresh()
        everyone = store.contacts(include_archived=True)
        by_org = contacts_by_org(everyone)
        ids = {key: [c.id for c in there] for key, there in by_org.items()}
        stages = stages_of(store)
        expected = target_rows(store.targets(), ids, stages, store.contact)
        assert target_list(store, stages) == expected, f"step {step}"
        assert {k: sorted(c.id for c in v) for k, v in org_groups(store).items()} == {
            k: sorted(v) for k, v in ids.items()
        }
