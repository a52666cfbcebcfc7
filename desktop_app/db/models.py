"""peewee models for every SayYes record (PRODUCT.md "Records").

Deleting a parent: CASCADE only where the child belongs to the parent (an interview to its
opportunity, a question to its interview, a rating to its skill ...); RESTRICT where the child has a
life of its own (an opportunity or a contact at a company), so the UI can ask; SET NULL for optional
links (a task's link, the interview where a contact was met).

Unique names are stored twice: as typed, and as a normalised key (NFC, trimmed, case-folded) that
carries the UNIQUE index, so "Ärger" and "ärger" are one name.

The schema itself is written by db/migrations.py, which also keeps a full-text index (`<table>_search`,
FTS5) of the columns the lists search in step with its table by triggers (schema 2).
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .database import db


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    class Meta:
        database = db
        legacy_table_names = False


class SchemaVersion(Model):
    version = IntegerField()
    applied_at = DateTimeField(default=_now)

    class Meta:
        database = db
        table_name = "schema_version"


class Company(BaseModel):
    name = CharField()
    name_key = CharField(unique=True)
    website = CharField(null=True)
    industry = CharField(null=True)
    size_band = CharField(null=True)
    location = CharField(null=True)
    notes = TextField(null=True)
    strengths = TextField(null=True)
    weaknesses = TextField(null=True)
    red_flags = TextField(null=True)


class Opportunity(BaseModel):
    company = ForeignKeyField(Company, backref="opportunities", on_delete="RESTRICT")
    title = CharField()
    title_key = CharField()
    source = CharField(null=True)
    invited_on = DateField(null=True, index=True)
    status = CharField(default="lead", index=True)
    said_yes = BooleanField(default=False)
    seniority = CharField(null=True)
    work_mode = CharField(null=True)
    salary_min = IntegerField(null=True)
    salary_max = IntegerField(null=True)
    salary_currency = CharField(null=True)
    link = CharField(null=True)
    tech_stack = TextField(null=True)
    closed_on = DateField(null=True)
    close_reason = TextField(null=True)
    job_description = TextField(null=True)
    notes = TextField(null=True)

    class Meta:
        indexes = ((("company", "title_key"), True),)


class Interview(BaseModel):
    opportunity = ForeignKeyField(Opportunity, backref="interviews", on_delete="CASCADE")
    scheduled_on = DateField(index=True)
    scheduled_time = CharField(null=True)  # "HH:MM" local wall-clock time, no time zone
    duration_minutes = IntegerField(null=True)
    stage = CharField(default="other", index=True)
    format = CharField(null=True)
    confidence_before = IntegerField(null=True)
    self_rating_after = IntegerField(null=True)
    outcome = CharField(default="scheduled")
    employer_feedback = TextField(null=True)
    employer_rating = IntegerField(null=True)
    prep_notes = TextField(null=True)
    debrief_notes = TextField(null=True)

    class Meta:
        indexes = (
            (("opportunity", "scheduled_on"), False),
            (("outcome", "scheduled_on", "self_rating_after", "opportunity"), False),  # the Dashboard's, schema 2
        )


class Contact(BaseModel):
    name = CharField()
    name_key = CharField(index=True)
    company = ForeignKeyField(Company, backref="contacts", null=True, on_delete="RESTRICT")
    role = CharField(null=True)
    email = CharField(null=True)
    phone = CharField(null=True)
    profile_link = CharField(null=True)
    how_met = ForeignKeyField(Interview, backref="contacts_met", null=True, on_delete="SET NULL")
    met_on = DateField(null=True, index=True)
    relationship = CharField(null=True)
    next_follow_up = DateField(null=True, index=True)
    notes = TextField(null=True)


class InterviewContact(BaseModel):
    """The interviewers of an interview (many-to-many)."""

    interview = ForeignKeyField(Interview, backref="interviewer_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="interview_links", on_delete="CASCADE")

    class Meta:
        table_name = "interview_contact"
        indexes = ((("interview", "contact"), True),)


class Interaction(BaseModel):
    contact = ForeignKeyField(Contact, backref="interactions", on_delete="CASCADE")
    occurred_on = DateField(index=True)
    channel = CharField(null=True)
    summary = TextField(null=True)


class Question(BaseModel):
    interview = ForeignKeyField(Interview, backref="questions", null=True, on_delete="CASCADE")
    text = TextField()
    text_key = TextField()
    kind = CharField(default="technical")
    topic = CharField(null=True)
    answer_quality = IntegerField(null=True)
    my_answer = TextField(null=True)
    better_answer = TextField(null=True)
    follow_up = CharField(default="none", index=True)

    class Meta:
        indexes = ((("text_key", "interview"), False), (("topic", "answer_quality"), False))


class Skill(BaseModel):
    name = CharField()
    name_key = CharField(unique=True)
    category = CharField(null=True)
    target_level = IntegerField(null=True)


class SkillRating(BaseModel):
    skill = ForeignKeyField(Skill, backref="ratings", on_delete="CASCADE")
    rated_on = DateField()
    level = IntegerField()
    source = CharField(default="self")

    class Meta:
        table_name = "skill_rating"
        indexes = ((("skill", "rated_on"), False),)


class Offer(BaseModel):
    opportunity = ForeignKeyField(Opportunity, backref="offers", on_delete="CASCADE")
    received_on = DateField(index=True)
    respond_by = DateField(null=True)
    currency = CharField(default="USD")
    base_salary = IntegerField(default=0)
    bonus = IntegerField(null=True)
    equity_per_year = IntegerField(null=True)
    sign_on = IntegerField(null=True)
    benefits = TextField(null=True)
    work_mode = CharField(null=True)
    status = CharField(default="pending", index=True)
    notes = TextField(null=True)

    class Meta:
        indexes = ((("opportunity", "received_on"), True),)


class OfferRevision(BaseModel):
    """The figures an offer had before a counter-offer or revision changed them."""

    offer = ForeignKeyField(Offer, backref="revisions", on_delete="CASCADE")
    revised_on = DateField()
    currency = CharField()
    base_salary = IntegerField(default=0)
    bonus = IntegerField(null=True)
    equity_per_year = IntegerField(null=True)
    sign_on = IntegerField(null=True)
    note = TextField(null=True)

    class Meta:
        table_name = "offer_revision"


class Criterion(BaseModel):
    name = CharField()
    name_key = CharField(unique=True)
    description = TextField(null=True)
    weight = IntegerField(default=3)
    active = BooleanField(default=True)


class Score(BaseModel):
    company = ForeignKeyField(Company, backref="scores", on_delete="CASCADE")
    criterion = ForeignKeyField(Criterion, backref="scores", on_delete="CASCADE")
    score = IntegerField()
    note = TextField(null=True)
    scored_on = DateField()

    class Meta:
        # schema 2 orders scored_on and id newest first, and carries the score: the latest of each
        # criterion is read from the index alone
        indexes = ((("company", "criterion", "scored_on", "id", "score"), False),)


class Task(BaseModel):
    title = CharField()
    due_on = DateField(null=True, index=True)
    done = BooleanField(default=False, index=True)
    contact = ForeignKeyField(Contact, backref="tasks", null=True, on_delete="SET NULL")
    question = ForeignKeyField(Question, backref="tasks", null=True, on_delete="SET NULL")
    skill = ForeignKeyField(Skill, backref="tasks", null=True, on_delete="SET NULL")
    opportunity = ForeignKeyField(Opportunity, backref="tasks", null=True, on_delete="SET NULL")
    offer = ForeignKeyField(Offer, backref="tasks", null=True, on_delete="SET NULL")


class Setting(BaseModel):
    """Typed settings live in desktop_app.settings; here each is a key and a JSON value."""

    key = CharField(unique=True)
    value = TextField()


# Parents before children: the order tables are created, exported and restored in.
RECORD_MODELS: tuple[type[BaseModel], ...] = (
    Company,
    Opportunity,
    Interview,
    Contact,
    InterviewContact,
    Interaction,
    Question,
    Skill,
    SkillRating,
    Offer,
    OfferRevision,
    Criterion,
    Score,
    Task,
    Setting,
)
