"""What each record kind's list shows: its columns (SQL expressions), joins, search and filters.

listing.py runs these specs; a screen names a spec by kind and never builds SQL itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, fn

from ..db import models as m


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    expr: Any  # a peewee expression over the list's joined tables
    type: str = "text"  # text, date, time, int, rating, money, bool, choice
    sort_expr: Any = None  # what sorting by this column orders by (default: expr)

    @property
    def order_by(self) -> Any:
        return self.expr if self.sort_expr is None else self.sort_expr


@dataclass(frozen=True)
class ListSpec:
    kind: str
    columns: tuple[Column, ...]
    join: Callable[[Any], Any]
    search: tuple[Any, ...]  # expressions searched (casefolded)
    default_sort: str
    default_descending: bool = False
    filters: Mapping[str, Any] = field(default_factory=dict)  # name -> expression compared with ==
    date_expr: Any = None  # what date_from / date_to filter on
    # filters that are not equality: name -> function of the chosen value giving the SQL condition
    conditions: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.kind} list has no column {key!r}")


def company_of_opportunity(query: Any) -> Any:
    return query.join(m.Company, on=(m.Opportunity.company == m.Company.id))


def via_opportunity(model: type[m.BaseModel]) -> Callable[[Any], Any]:
    def join(query: Any) -> Any:
        return query.join(m.Opportunity, on=(model.opportunity == m.Opportunity.id)).join(
            m.Company, on=(m.Opportunity.company == m.Company.id)
        )

    return join


CompanyOfContact = m.Company.alias("contact_company")


FOLLOW_UP_FILTER = "follow_up"  # contacts whose next follow-up is on or before a day
FOLLOW_UP_DUE = "follow-up due"  # ... the day being today


def _follow_up_day(value: Any) -> dt.date:
    if value == FOLLOW_UP_DUE:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    raise KeyError(f"contact list has no follow-up filter {value!r}")


def _count(subquery: Any) -> Any:
    """A counting subquery as a column expression that can be sorted and aliased."""
    return fn.COALESCE(subquery, 0)

SPECS: dict[str, ListSpec] = {
    "company": ListSpec(
        "company",
        (
            Column("name", "Name", m.Company.name, sort_expr=m.Company.name_key),
            Column("industry", "Industry", m.Company.industry),
            Column("size_band", "Size", m.Company.size_band),
            Column("location", "Location", m.Company.location),
            Column("opportunities", "Opportunities",
                   _count(m.Opportunity.select(fn.COUNT(m.Opportunity.id)).where(m.Opportunity.company == m.Company.id)),
                   "int"),
        ),
        lambda q: q,
        (m.Company.name_key, m.Company.industry, m.Company.location),
        "name",
        filters={"industry": m.Company.industry},
    ),
    "opportunity": ListSpec(
        "opportunity",
        (
            Column("company", "Company", m.Company.name, sort_expr=m.Company.name_key),
            Column("title", "Role", m.Opportunity.title, sort_expr=m.Opportunity.title_key),
            Column("status", "Status", m.Opportunity.status, "choice"),
            Column("source", "Source", m.Opportunity.source, "choice"),
            Column("invited_on", "Invited", m.Opportunity.invited_on, "date"),
            Column("said_yes", "Said yes", m.Opportunity.said_yes, "bool"),
            Column("work_mode", "Mode", m.Opportunity.work_mode, "choice"),
            Column("interviews", "Interviews",
                   _count(m.Interview.select(fn.COUNT(m.Interview.id)).where(m.Interview.opportunity == m.Opportunity.id)),
                   "int"),
        ),
        company_of_opportunity,
        (m.Company.name_key, m.Opportunity.title_key, m.Opportunity.tech_stack, m.Opportunity.notes),
        "invited_on",
        True,
        filters={"status": m.Opportunity.status, "company": m.Opportunity.company, "source": m.Opportunity.source},
        date_expr=m.Opportunity.invited_on,
    ),
    "interview": ListSpec(
        "interview",
        (
            Column("scheduled_on", "Date", m.Interview.scheduled_on, "date"),
            Column("scheduled_time", "Time", m.Interview.scheduled_time, "time"),
            Column("company", "Company", m.Company.name, sort_expr=m.Company.name_key),
            Column("role", "Role", m.Opportunity.title, sort_expr=m.Opportunity.title_key),
            Column("stage", "Stage", m.Interview.stage, "choice"),
            Column("format", "Format", m.Interview.format, "choice"),
            Column("outcome", "Outcome", m.Interview.outcome, "choice"),
            Column("self_rating_after", "Self-rating", m.Interview.self_rating_after, "rating"),
        ),
        via_opportunity(m.Interview),
        (m.Company.name_key, m.Opportunity.title_key, m.Interview.stage, m.Interview.debrief_notes,
         m.Interview.employer_feedback),
        "scheduled_on",
        True,
        filters={"stage": m.Interview.stage, "outcome": m.Interview.outcome, "opportunity": m.Interview.opportunity,
                 "company": m.Opportunity.company},
        date_expr=m.Interview.scheduled_on,
    ),
    "contact": ListSpec(
        "contact",
        (
            Column("name", "Name", m.Contact.name, sort_expr=m.Contact.name_key),
            Column("company", "Company", CompanyOfContact.name, sort_expr=CompanyOfContact.name_key),
            Column("role", "Role", m.Contact.role),
            Column("met_on", "Met on", m.Contact.met_on, "date"),
            Column("next_follow_up", "Follow up", m.Contact.next_follow_up, "date"),
        ),
        lambda q: q.join(CompanyOfContact, JOIN.LEFT_OUTER, on=(m.Contact.company == CompanyOfContact.id)),
        (m.Contact.name_key, CompanyOfContact.name_key, m.Contact.role, m.Contact.email),
        "name",
        filters={"company": m.Contact.company},
        date_expr=m.Contact.met_on,
        conditions={FOLLOW_UP_FILTER: lambda value: m.Contact.next_follow_up <= _follow_up_day(value)},
    ),
    "question": ListSpec(
        "question",
        (
            Column("text", "Question", m.Question.text, sort_expr=m.Question.text_key),
            Column("kind", "Kind", m.Question.kind, "choice"),
            Column("topic", "Topic", m.Question.topic),
            Column("answer_quality", "Answer", m.Question.answer_quality, "rating"),
            Column("follow_up", "Follow-up", m.Question.follow_up, "choice"),
        ),
        lambda q: q,
        (m.Question.text_key, m.Question.topic),
        "id",
        filters={"interview": m.Question.interview, "kind": m.Question.kind, "follow_up": m.Question.follow_up,
                 "topic": m.Question.topic},
    ),
    "skill": ListSpec(
        "skill",
        (
            Column("name", "Skill", m.Skill.name, sort_expr=m.Skill.name_key),
            Column("category", "Category", m.Skill.category),
            Column("target_level", "Target", m.Skill.target_level, "rating"),
        ),
        lambda q: q,
        (m.Skill.name_key, m.Skill.category),
        "name",
    ),
    "offer": ListSpec(
        "offer",
        (
            Column("company", "Company", m.Company.name, sort_expr=m.Company.name_key),
            Column("role", "Role", m.Opportunity.title, sort_expr=m.Opportunity.title_key),
            Column("received_on", "Received", m.Offer.received_on, "date"),
            Column("currency", "Currency", m.Offer.currency),
            Column("base_salary", "Base / year", m.Offer.base_salary, "money"),
            Column("yearly_total", "Total / year",
                   m.Offer.base_salary + fn.COALESCE(m.Offer.bonus, 0) + fn.COALESCE(m.Offer.equity_per_year, 0),
                   "money"),
            Column("status", "Status", m.Offer.status, "choice"),
        ),
        via_opportunity(m.Offer),
        (m.Company.name_key, m.Opportunity.title_key),
        "received_on",
        True,
        filters={"status": m.Offer.status, "opportunity": m.Offer.opportunity},
        date_expr=m.Offer.received_on,
    ),
    "criterion": ListSpec(
        "criterion",
        (
            Column("name", "Criterion", m.Criterion.name),
            Column("weight", "Weight", m.Criterion.weight, "int"),
            Column("active", "Active", m.Criterion.active, "bool"),
        ),
        lambda q: q,
        (m.Criterion.name_key,),
        "name",
    ),
    "task": ListSpec(
        "task",
        (
            Column("title", "Task", m.Task.title),
            Column("due_on", "Due", m.Task.due_on, "date"),
            Column("done", "Done", m.Task.done, "bool"),
        ),
        lambda q: q,
        (m.Task.title,),
        "due_on",
        filters={"done": m.Task.done},
        date_expr=m.Task.due_on,
    ),
    "interaction": ListSpec(
        "interaction",
        (
            Column("occurred_on", "Date", m.Interaction.occurred_on, "date"),
            Column("contact", "Contact", m.Contact.name, sort_expr=m.Contact.name_key),
            Column("channel", "Channel", m.Interaction.channel, "choice"),
            Column("summary", "Summary", m.Interaction.summary),
        ),
        lambda q: q.join(m.Contact, on=(m.Interaction.contact == m.Contact.id)),
        (m.Contact.name_key, m.Interaction.summary),
        "occurred_on",
        True,
        filters={"contact": m.Interaction.contact, "channel": m.Interaction.channel},
        date_expr=m.Interaction.occurred_on,
    ),
    "interview_contact": ListSpec(
        "interview_contact",
        (
            Column("contact", "Interviewer", m.Contact.name, sort_expr=m.Contact.name_key),
            Column("role", "Role", m.Contact.role),
            Column("email", "Email", m.Contact.email),
        ),
        lambda q: q.join(m.Contact, on=(m.InterviewContact.contact == m.Contact.id)),
        (m.Contact.name_key,),
        "contact",
        filters={"interview": m.InterviewContact.interview, "contact": m.InterviewContact.contact},
    ),
    "skill_rating": ListSpec(
        "skill_rating",
        (
            Column("rated_on", "Date", m.SkillRating.rated_on, "date"),
            Column("skill", "Skill", m.Skill.name, sort_expr=m.Skill.name_key),
            Column("level", "Level", m.SkillRating.level, "rating"),
            Column("source", "Source", m.SkillRating.source, "choice"),
        ),
        lambda q: q.join(m.Skill, on=(m.SkillRating.skill == m.Skill.id)),
        (m.Skill.name_key,),
        "rated_on",
        True,
        filters={"skill": m.SkillRating.skill, "source": m.SkillRating.source},
        date_expr=m.SkillRating.rated_on,
    ),
    "offer_revision": ListSpec(
        "offer_revision",
        (
            Column("revised_on", "Revised on", m.OfferRevision.revised_on, "date"),
            Column("currency", "Currency", m.OfferRevision.currency),
            Column("base_salary", "Base / year", m.OfferRevision.base_salary, "money"),
            Column("bonus", "Bonus / year", m.OfferRevision.bonus, "money"),
            Column("equity_per_year", "Equity / year", m.OfferRevision.equity_per_year, "money"),
            Column("sign_on", "Sign-on", m.OfferRevision.sign_on, "money"),
        ),
        lambda q: q,
        (m.OfferRevision.note,),
        "revised_on",
        True,
        filters={"offer": m.OfferRevision.offer},
        date_expr=m.OfferRevision.revised_on,
    ),
    "score": ListSpec(
        "score",
        (
            Column("company", "Company", m.Company.name, sort_expr=m.Company.name_key),
            Column("criterion", "Criterion", m.Criterion.name, sort_expr=m.Criterion.name_key),
            Column("score", "Score", m.Score.score, "rating"),
            Column("scored_on", "Date", m.Score.scored_on, "date"),
        ),
        lambda q: q.join(m.Company, on=(m.Score.company == m.Company.id)).switch(m.Score).join(
            m.Criterion, on=(m.Score.criterion == m.Criterion.id)
        ),
        (m.Company.name_key, m.Criterion.name_key, m.Score.note),
        "scored_on",
        True,
        filters={"company": m.Score.company, "criterion": m.Score.criterion},
        date_expr=m.Score.scored_on,
    ),
}


def spec(kind_name: str) -> ListSpec:
    try:
        return SPECS[kind_name]
    except KeyError:
        raise KeyError(f"no list is defined for {kind_name!r}") from None
