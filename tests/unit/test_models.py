"""Contact and Profile validation: required fields, length limits, URLs, email, Unicode."""

from datetime import date

import pytest
from pydantic import ValidationError

from infoview.models import (
    NAME_MAX,
    NOTES_MAX,
    AcademicCalendar,
    Contact,
    Profile,
    Sector,
    Source,
    friendly_errors,
)


def _errors(**fields: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Contact(**fields)
    return friendly_errors(caught.value)


# ------------------------------------------------------------------- name
def test_name_is_required_when_missing():
    assert _errors() == ["Name: Field required"]


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_name_is_required_when_blank(blank):
    assert _errors(full_name=blank) == ["Name: a name is required"]


def test_name_is_stripped():
    assert Contact(full_name="  Ada Lovelace  ").full_name == "Ada Lovelace"


def test_name_at_limit_is_kept_and_one_over_is_refused():
    assert Contact(full_name="a" * NAME_MAX).full_name == "a" * 120
    assert _errors(full_name="a" * (NAME_MAX + 1)) == ["Name: must be at most 120 characters"]


def test_name_limit_counts_after_stripping():
    assert Contact(full_name="  " + "a" * 120 + "  ").full_name == "a" * 120


# ------------------------------------------------------------------ notes
def test_notes_up_to_limit_are_kept():
    assert len(Contact(full_name="A", notes="n" * NOTES_MAX).notes) == 20_000


def test_notes_over_limit_are_refused():
    assert _errors(full_name="A", notes="n" * (NOTES_MAX + 1)) == [
        "Notes: must be at most 20000 characters"
    ]


def test_reason_over_limit_is_refused():
    assert _errors(full_name="A", reason="r" * 1001) == [
        "Compelling reason: must be at most 1000 characters"
    ]


def test_organization_over_limit_is_refused():
    assert _errors(full_name="A", organization="o" * 201) == [
        "Organization: must be at most 200 characters"
    ]


def test_too_many_tags_are_refused():
    assert _errors(full_name="A", tags=[f"t{i}" for i in range(31)]) == [
        "Tags: can have at most 30 items after validation, not 31"
    ]


def test_list_fields_drop_blanks_and_duplicates():
    contact = Contact(full_name="A", tags=["data", " ", "data", "ux"], education=["", "MIT"])
    assert contact.tags == ["data", "ux"]
    assert contact.education == ["MIT"]


# ------------------------------------------------------------------- URLs
@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ada",
        "http://example.org/bio?x=1#top",
        "HTTPS://EXAMPLE.COM",
        "http://localhost:8600/page",
    ],
)
def test_http_and_https_urls_are_kept(url):
    assert Contact(full_name="A", linkedin_url=url).linkedin_url == url


def test_url_is_stripped():
    assert Contact(full_name="A", website="  https://ada.dev  ").website == "https://ada.dev"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://example.com/%0aalert(1)",
        "ftp://files.example.com/cv.pdf",
        "www.example.com",
        "example.com/ada",
        "data:text/html,<script>alert(1)</script>",
        "https://",
        "http://nodot",
    ],
)
def test_urls_without_http_scheme_are_refused(url):
    assert _errors(full_name="A", bio_url=url) == [
        "Company bio URL: must be a web address starting with http:// or https://"
    ]


def test_url_with_spaces_is_refused():
    assert _errors(full_name="A", website="https://exa mple.com") == [
        "Personal website: a web address cannot contain spaces"
    ]


def test_url_over_limit_is_refused():
    url = "https://example.com/" + "a" * 481
    assert _errors(full_name="A", website=url) == [
        "Personal website: must be at most 500 characters"
    ]


@pytest.mark.parametrize("blank", ["", "   ", None])
def test_blank_url_becomes_none(blank):
    contact = Contact(full_name="A", linkedin_url=blank, bio_url=blank, website=blank)
    assert (contact.linkedin_url, contact.bio_url, contact.website) == (None, None, None)


# ------------------------------------------------------------------ email
def test_email_is_optional():
    assert Contact(full_name="A").email is None
    assert Contact(full_name="A", email="  ").email is None


def test_valid_email_is_kept_with_domain_normalised():
    assert Contact(full_name="A", email=" Ada@Example.COM ").email == "Ada@example.com"


@pytest.mark.parametrize("bad", ["ada", "ada@", "@example.com", "ada@@example.com", "a b@x.com"])
def test_invalid_email_is_refused(bad):
    errors = _errors(full_name="A", email=bad)
    assert len(errors) == 1
    assert errors[0].startswith("Email: is not a valid email address")


# ---------------------------------------------------------------- Unicode
@pytest.mark.parametrize(
    "name", ["Zoë Ångström", "José Núñez 🚀", "王小明", "محمد الأحمد", "Ænima 👩🏽‍🔬"]
)
def test_emoji_accents_cjk_and_rtl_are_kept(name):
    contact = Contact(full_name=name, notes=f"Met {name} ✨")
    assert contact.full_name == name
    assert contact.notes == f"Met {name} ✨"


def test_lone_surrogate_in_name_is_refused_naming_the_field():
    errors = _errors(full_name="Ada \ud800")
    assert len(errors) == 1
    assert errors[0].startswith("Name: ")
    assert "unicode" in errors[0].lower()


def test_lone_surrogate_in_notes_is_refused_naming_the_field():
    errors = _errors(full_name="A", notes="ok \udfff")
    assert len(errors) == 1
    assert errors[0].startswith("Notes: ")
    assert "unicode" in errors[0].lower()


def test_control_characters_are_dropped_but_newlines_and_tabs_kept():
    contact = Contact(full_name="Ada\x00 Love\x07lace\x1b", notes="line1\r\nline2\rline3\tend\x7f")
    assert contact.full_name == "Ada Lovelace"
    assert contact.notes == "line1\nline2\nline3\tend"


# ----------------------------------------------------------- other fields
def test_position_since_is_normalised_to_first_of_month():
    assert Contact(full_name="A", position_since=date(2021, 3, 17)).position_since == date(
        2021, 3, 1
    )
    assert Contact(full_name="A", position_since="2019-11-30").position_since == date(2019, 11, 1)
    assert Contact(full_name="A").position_since is None


def test_sector_and_source_accept_known_values_only():
    contact = Contact(full_name="A", sector="academia", source="referral")
    assert (contact.sector, contact.source) == (Sector.ACADEMIA, Source.REFERRAL)
    errors = _errors(full_name="A", sector="military")
    assert len(errors) == 1
    assert errors[0].startswith("Sector: Input should be")


def test_contact_defaults():
    contact = Contact(full_name="A")
    assert contact.sector is Sector.OTHER
    assert contact.source is Source.MANUAL
    assert contact.revision == 0
    assert contact.archived is False
    assert contact.sample is False
    assert contact.outside_field is False
    assert contact.referred_by is None
    assert contact.joined_on == date.today()
    assert len(contact.id) == 32
    assert contact.created_at.tzinfo is not None


def test_ids_are_unique_and_stable():
    first, second = Contact(full_name="A"), Contact(full_name="A")
    assert first.id != second.id
    assert first.model_copy(update={"notes": "x"}).id == first.id


def test_contact_is_frozen():
    contact = Contact(full_name="A")
    with pytest.raises(ValidationError):
        contact.full_name = "B"


def test_several_errors_are_all_reported_in_order():
    errors = _errors(full_name="", website="ftp://x.org", email="nope")
    assert [e.split(":")[0] for e in errors] == ["Name", "Personal website", "Email"]


def test_friendly_errors_passes_other_exceptions_through():
    assert friendly_errors(ValueError("boom")) == ["boom"]


# ---------------------------------------------------------------- profile
def test_profile_defaults():
    profile = Profile()
    assert profile.id == "me"
    assert profile.name == ""
    assert profile.email is None
    assert profile.country == "US"
    assert profile.followup_days == (3, 7)
    assert profile.calendar == AcademicCalendar()
    assert profile.calendar.fall_start == (8, 25)
    assert profile.schools == []
    assert profile.intro_edited is False


def test_profile_validates_email_and_country():
    with pytest.raises(ValidationError):
        Profile(email="not-an-email")
    with pytest.raises(ValidationError):
        Profile(country="U")
    assert Profile(email="me@uni.edu", country="GB").country == "GB"


def test_loading_our_own_file_still_refuses_non_web_links_and_blank_names():
    from pydantic import ValidationError

    trusted = {"trusted": True}
    with pytest.raises(ValidationError):
        Contact.model_validate(
            {"full_name": "Ann", "linkedin_url": "javascript:alert(1)"}, context=trusted
        )
    with pytest.raises(ValidationError):
        Contact.model_validate({"full_name": ""}, context=trusted)


def test_imported_rows_are_cleaned_even_when_emails_were_checked_already():
    row = {"full_name": " Ann\x07 Lee ", "organization": "Acme\r\nLabs", "email": "a@b.org"}
    contact = Contact.model_validate(row, context={"emails_checked": True})
    assert contact.full_name == "Ann Lee"
    assert contact.organization == "Acme\nLabs"


def test_every_enum_value_has_one_label_and_the_value_keyed_maps_agree():
    from infoview.models import (
        SECTOR_LABELS,
        SOURCE_LABELS,
        AskStatus,
        CallMode,
        Sector,
        Source,
        field_label,
    )

    for enum in (Sector, Source, CallMode, AskStatus):
        labels = [member.label for member in enum]
        assert all(labels) and len(set(labels)) == len(labels)
    assert {s.value: s.label for s in Sector} == SECTOR_LABELS
    assert {s.value: s.label for s in Source} == SOURCE_LABELS
    assert CallMode.IN_PERSON.label == "In person"
    assert AskStatus.SENT.label == "Sent, waiting for a reply"
    assert field_label("linkedin_url") == "LinkedIn URL"
    assert field_label("joined_on") == "Joined on"
