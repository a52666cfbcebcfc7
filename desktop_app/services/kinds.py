"""Every record kind once: its model, its editable fields and its natural key.

Forms, validation, the importer and the exporter all read these specs, so a field is declared in
one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..db import models as m
from . import choices as c
from .values import (
    BOOL, CHOICE, CURRENCY, DATE, INT, LONGTEXT, MONEY, RATING, REF, TEXT, TIME, Field,
)


@dataclass(frozen=True)
class Kind:
    name: str  # "interview"
    plural: str  # "interviews"
    model: type[m.BaseModel]
    fields: tuple[Field, ...]
    # normalised key column -> the field it is computed from (name_key <- name)
    key_columns: tuple[tuple[str, str], ...] = ()
    # fields whose normalised values identify one record; checked before a write, named in the error
    natural_key: tuple[str, ...] = ()
    # whether the natural key is unique in the database (else it only matches rows on import)
    unique: bool = False

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def key_sources(self) -> tuple[str, ...]:
        return tuple(source for _, source in self.key_columns)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _rating(name: str, label: str) -> Field:
    return Field(name, label, RATING)


COMPANY = Kind(
    "company", "companies", m.Company,
    (
        Field("name", "Name", TEXT, required=True),
        Field("website", "Website"),
        Field("industry", "Industry"),
        Field("size_band", "Size", CHOICE, choices=c.SIZE_BANDS),
        Field("location", "Location"),
        Field("notes", "Notes", LONGTEXT),
        Field("strengths", "Strengths", LONGTEXT),
        Field("weaknesses", "Weaknesses", LONGTEXT),
        Field("red_flags", "Red flags", LONGTEXT),
    ),
    key_columns=(("name_key", "name"),),
    natural_key=("name",),
    unique=True,
)

OPPORTUNITY = Kind(
    "opportunity", "opportunities", m.Opportunity,
    (
        Field("company", "Company", REF, required=True, ref="company"),
        Field("title", "Role", TEXT, required=True),
        Field("status", "Status", CHOICE, required=True, choices=c.OPPORTUNITY_STATUSES, default="lead"),
        Field("source", "Source", CHOICE, choices=c.SOURCES),
        Field("invited_on", "Invited on", DATE),
        Field("said_yes", "Said yes", BOOL, default=False),
        Field("seniority", "Seniority"),
        Field("work_mode", "Work mode", CHOICE, choices=c.WORK_MODES),
        Field("salary_min", "Salary from", MONEY),
        Field("salary_max", "Salary to", MONEY),
        Field("salary_currency", "Currency", CURRENCY),
        Field("link", "Link"),
        Field("tech_stack", "Tech stack", TEXT, help="Tags separated by commas"),
        Field("closed_on", "Closed on", DATE),
        Field("close_reason", "Close reason", LONGTEXT),
        Field("job_description", "Job description", LONGTEXT),
        Field("notes", "Notes", LONGTEXT),
    ),
    key_columns=(("title_key", "title"),),
    natural_key=("company", "title"),
    unique=True,
)

INTERVIEW = Kind(
    "interview", "interviews", m.Interview,
    (
        Field("opportunity", "Opportunity", REF, required=True, ref="opportunity"),
        Field("scheduled_on", "Date", DATE, required=True),
        Field("scheduled_time", "Time", TIME),
        Field("duration_minutes", "Duration (min)", INT, minimum=0, maximum=24 * 60),
        Field("stage", "Stage", CHOICE, required=True, choices=c.STAGES, default="other"),
        Field("format", "Format", CHOICE, choices=c.FORMATS),
        Field("outcome", "Outcome", CHOICE, required=True, choices=c.OUTCOMES, default="scheduled"),
        _rating("confidence_before", "Confidence before"),
        _rating("self_rating_after", "Self-rating after"),
        _rating("employer_rating", "Employer rating"),
        Field("employer_feedback", "Employer feedback", LONGTEXT),
        Field("prep_notes", "Prep notes", LONGTEXT),
        Field("debrief_notes", "Debrief notes", LONGTEXT),
    ),
    natural_key=("opportunity", "scheduled_on", "scheduled_time", "stage"),
)

CONTACT = Kind(
    "contact", "contacts", m.Contact,
    (
        Field("name", "Name", TEXT, required=True),
        Field("company", "Company", REF, ref="company"),
        Field("role", "Role"),
        Field("email", "Email"),
        Field("phone", "Phone"),
        Field("profile_link", "Profile link"),
        Field("how_met", "Met at interview", REF, ref="interview"),
        Field("met_on", "Met on", DATE),
        Field("relationship", "Relationship"),
        Field("next_follow_up", "Next follow-up", DATE),
        Field("notes", "Notes", LONGTEXT),
    ),
    key_columns=(("name_key", "name"),),
    natural_key=("name", "company"),
)

INTERVIEW_CONTACT = Kind(
    "interview_contact", "interview_contacts", m.InterviewContact,
    (
        Field("interview", "Interview", REF, required=True, ref="interview"),
        Field("contact", "Contact", REF, required=True, ref="contact"),
    ),
    natural_key=("interview", "contact"),
    unique=True,
)

INTERACTION = Kind(
    "interaction", "interactions", m.Interaction,
    (
        Field("contact", "Contact", REF, required=True, ref="contact"),
        Field("occurred_on", "Date", DATE, required=True),
        Field("channel", "Channel", CHOICE, choices=c.INTERACTION_CHANNELS),
        Field("summary", "Summary", LONGTEXT),
    ),
)

QUESTION = Kind(
    "question", "questions", m.Question,
    (
        Field("interview", "Interview", REF, ref="interview"),
        Field("text", "Question", LONGTEXT, required=True),
        Field("kind", "Kind", CHOICE, required=True, choices=c.QUESTION_KINDS, default="technical"),
        Field("topic", "Topic"),
        _rating("answer_quality", "Answer quality"),
        Field("my_answer", "What I said", LONGTEXT),
        Field("better_answer", "Better answer", LONGTEXT),
        Field("follow_up", "Follow-up", CHOICE, required=True, choices=c.FOLLOW_UPS, default="none"),
    ),
    key_columns=(("text_key", "text"),),
    natural_key=("text", "interview"),
)

SKILL = Kind(
    "skill", "skills", m.Skill,
    (
        Field("name", "Name", TEXT, required=True),
        Field("category", "Category"),
        _rating("target_level", "Target level"),
    ),
    key_columns=(("name_key", "name"),),
    natural_key=("name",),
    unique=True,
)

SKILL_RATING = Kind(
    "skill_rating", "skill_ratings", m.SkillRating,
    (
        Field("skill", "Skill", REF, required=True, ref="skill"),
        Field("rated_on", "Date", DATE, required=True),
        Field("level", "Level", RATING, required=True),
        Field("source", "Source", CHOICE, required=True, choices=c.RATING_SOURCES, default="self"),
    ),
)

OFFER = Kind(
    "offer", "offers", m.Offer,
    (
        Field("opportunity", "Opportunity", REF, required=True, ref="opportunity"),
        Field("received_on", "Received on", DATE, required=True),
        Field("respond_by", "Respond by", DATE),
        Field("currency", "Currency", CURRENCY, required=True, default="USD"),
        Field("base_salary", "Base salary / year", MONEY, required=True),
        Field("bonus", "Bonus / year", MONEY),
        Field("equity_per_year", "Equity / year", MONEY),
        Field("sign_on", "Sign-on (one-off)", MONEY),
        Field("benefits", "Benefits", LONGTEXT),
        Field("work_mode", "Work mode", CHOICE, choices=c.WORK_MODES),
        Field("status", "Status", CHOICE, required=True, choices=c.OFFER_STATUSES, default="pending"),
        Field("notes", "Notes", LONGTEXT),
    ),
    natural_key=("opportunity", "received_on"),
    unique=True,
)

OFFER_FIGURES = ("currency", "base_salary", "bonus", "equity_per_year", "sign_on")

OFFER_REVISION = Kind(
    "offer_revision", "offer_revisions", m.OfferRevision,
    (
        Field("offer", "Offer", REF, required=True, ref="offer"),
        Field("revised_on", "Revised on", DATE, required=True),
        Field("currency", "Currency", CURRENCY, required=True),
        Field("base_salary", "Base salary / year", MONEY, required=True),
        Field("bonus", "Bonus / year", MONEY),
        Field("equity_per_year", "Equity / year", MONEY),
        Field("sign_on", "Sign-on (one-off)", MONEY),
        Field("note", "Note", LONGTEXT),
    ),
)

CRITERION = Kind(
    "criterion", "criteria", m.Criterion,
    (
        Field("name", "Name", TEXT, required=True),
        Field("description", "Description", LONGTEXT),
        Field("weight", "Weight", INT, required=True, minimum=1, maximum=5, default=3),
        Field("active", "Active", BOOL, default=True),
    ),
    key_columns=(("name_key", "name"),),
    natural_key=("name",),
    unique=True,
)

SCORE = Kind(
    "score", "scores", m.Score,
    (
        Field("company", "Company", REF, required=True, ref="company"),
        Field("criterion", "Criterion", REF, required=True, ref="criterion"),
        Field("score", "Score", RATING, required=True),
        Field("note", "Note", LONGTEXT),
        Field("scored_on", "Date", DATE, required=True),
    ),
)

TASK = Kind(
    "task", "tasks", m.Task,
    (
        Field("title", "Title", TEXT, required=True),
        Field("due_on", "Due", DATE),
        Field("done", "Done", BOOL, default=False),
        Field("contact", "Contact", REF, ref="contact"),
        Field("question", "Question", REF, ref="question"),
        Field("skill", "Skill", REF, ref="skill"),
        Field("opportunity", "Opportunity", REF, ref="opportunity"),
        Field("offer", "Offer", REF, ref="offer"),
    ),
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        COMPANY, OPPORTUNITY, INTERVIEW, CONTACT, INTERVIEW_CONTACT, INTERACTION, QUESTION,
        SKILL, SKILL_RATING, OFFER, OFFER_REVISION, CRITERION, SCORE, TASK,
    )
}
BY_TABLE: dict[str, Kind] = {k.model._meta.table_name: k for k in KINDS.values()}


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown record kind {name!r}; known: {', '.join(KINDS)}") from None
