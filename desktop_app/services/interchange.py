"""The CSV columns of each importable kind (PRODUCT.md "CSV interchange"), declared once.

A column says how its cell is parsed and written (a values.Field, so a date or a rating means the
same as in the forms), which field of the kind it fills (None when it names a linked record, like
an interview's company), and where the exporter reads it from (a peewee expression over `join`).
The importer and the exporter both read these specs, so `export` writes what `import` accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from peewee import JOIN

from ..db import models as m
from . import kinds as k
from .errors import ServiceError
from .values import LONGTEXT, Field, TextType

# OWASP's CSV injection list, plus ' itself so that taking one ' off on import is always right
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
INTERVIEWER_SEPARATOR = ";"


def escape_text(text: str) -> str:
    """A text cell spreadsheets would run as a formula gets one ' in front."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_text(cell: str) -> str:
    """Take exactly one ' off a text cell (the counterpart of escape_text)."""
    return cell[1:] if cell.startswith("'") else cell


def format_cell(field: Field, value: Any) -> str:
    """A value as a CSV cell: every cell SayYes writes (one kind's export and `export all`) is made
    here, so text is escaped against formulas and numbers and dates never are."""
    text = field.to_text(value)
    return escape_text(text) if isinstance(field.type, TextType) else text


def parse_cell(field: Field, cell: str) -> Any:
    """The typed value of a CSV cell, None when empty (the counterpart of format_cell; every cell
    SayYes reads passes here). Raises ValueError(reason)."""
    return field.clean(unescape_text(cell) if isinstance(field.type, TextType) else cell)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of any source (a CSV file, a spreadsheet), keyed by CSV column name."""

    line: int  # as an editor shows it: the header is line 1
    values: dict[str, str]


@dataclass(frozen=True)
class RowError:
    line: int | None  # None: the file as a whole
    column: str  # "" when the row (or file) as a whole is wrong
    message: str
    file: str = ""  # set when errors of several files are reported together (import all)

    def __str__(self) -> str:
        where = ":".join(part for part in (self.file, "" if self.line is None else str(self.line)) if part)
        column = f"column {self.column}: " if self.column else ""
        return f"{where}: {column}{self.message}" if where else f"{column}{self.message}"


class CsvError(ServiceError):
    """A file cannot be imported; `errors` names every problem found, by line and column."""

    def __init__(self, errors: list[RowError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:3]))


@dataclass(frozen=True)
class CsvColumn:
    name: str  # the header
    field: Field  # parses and writes the cell
    target: str | None = None  # the kind's field it fills; None when it names a linked record
    required: bool = False  # the column must be present and its cells non-empty
    expr: Any = None  # what the exporter selects (None: the exporter fills it itself)

    @cached_property
    def is_text(self) -> bool:
        return isinstance(self.field.type, TextType)

    def parse(self, cell: str | None) -> Any:
        """The typed value of a cell, None when empty (what parse_cell gives). Raises ValueError(reason)."""
        if cell is None:
            return None
        text = unescape_text(cell) if self.is_text else cell
        if text.strip() == "":
            if self.required:
                raise ValueError("is required")
            return None
        return self.field.type.parse(text, self.field)  # field.clean(text), which is not empty

    def format(self, value: Any) -> str:
        return format_cell(self.field, value)


@dataclass(frozen=True)
class CsvSpec:
    name: str  # "interviews": the KIND of `sayyes import KIND`
    kind: k.Kind
    columns: tuple[CsvColumn, ...]
    join: Callable[[Any], Any]  # adds the joins `expr`s need to a select over kind.model

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each column's place in the header, by name."""
        return {c.name: i for i, c in enumerate(self.columns)}

    def column(self, name: str) -> CsvColumn:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def column_for(self, target: str) -> str:
        """The CSV column that fills a field of the kind (the field name if none does)."""
        return next((c.name for c in self.columns if c.target == target), target)


def _own(kind: k.Kind, name: str, column: str | None = None, *, required: bool = False) -> CsvColumn:
    """A column that fills a field of the kind itself."""
    return CsvColumn(column or name, kind.field(name), name, required, kind.model._meta.fields[name])


def _names(column: str, field: Field, expr: Any, *, required: bool = False) -> CsvColumn:
    """A column that names a linked record (a company by name, an interview by its date ...)."""
    return CsvColumn(column, field, None, required, expr)


COMPANY_NAME = k.COMPANY.field("name")
ROLE = k.OPPORTUNITY.field("title")
INTERVIEW_DATE = k.INTERVIEW.field("scheduled_on")
INTERVIEW_TIME = k.INTERVIEW.field("scheduled_time")
INTERVIEW_STAGE = k.INTERVIEW.field("stage")
INTERVIEWERS = Field("interviewers", "Interviewers", LONGTEXT, help="Contact names separated by ;")

ContactCompany = m.Company.alias("contact_company")
MetInterview = m.Interview.alias("met_interview")
MetOpportunity = m.Opportunity.alias("met_opportunity")
MetCompany = m.Company.alias("met_company")


def _via_opportunity(model: type[m.BaseModel]) -> Callable[[Any], Any]:
    def join(query: Any) -> Any:
        return query.join(m.Opportunity, on=(model.opportunity == m.Opportunity.id)).join(
            m.Company, on=(m.Opportunity.company == m.Company.id)
        )

    return join


def _question_join(query: Any) -> Any:
    return (
        query.join(m.Interview, JOIN.LEFT_OUTER, on=(m.Question.interview == m.Interview.id))
        .join(m.Opportunity, JOIN.LEFT_OUTER, on=(m.Interview.opportunity == m.Opportunity.id))
        .join(m.Company, JOIN.LEFT_OUTER, on=(m.Opportunity.company == m.Company.id))
    )


def _contact_join(query: Any) -> Any:
    return (
        query.join(ContactCompany, JOIN.LEFT_OUTER, on=(m.Contact.company == ContactCompany.id))
        .switch(m.Contact)
        .join(MetInterview, JOIN.LEFT_OUTER, on=(m.Contact.how_met == MetInterview.id))
        .join(MetOpportunity, JOIN.LEFT_OUTER, on=(MetInterview.opportunity == MetOpportunity.id))
        .join(MetCompany, JOIN.LEFT_OUTER, on=(MetOpportunity.company == MetCompany.id))
    )


I, O, C = k.INTERVIEW, k.OPPORTUNITY, k.COMPANY

INTERVIEWS = CsvSpec("interviews", I, (
    _names("company", COMPANY_NAME, m.Company.name, required=True),
    _names("role", ROLE, m.Opportunity.title, required=True),
    _own(I, "scheduled_on", "date", required=True),
    _own(I, "scheduled_time", "time"),
    _own(I, "duration_minutes", "duration"),
    _own(I, "stage"),
    _own(I, "format"),
    _own(I, "outcome"),
    _own(I, "confidence_before"),
    _own(I, "self_rating_after", "self_rating"),
    _own(I, "employer_rating"),
    _own(I, "employer_feedback", "feedback"),
    _own(I, "prep_notes"),
    _own(I, "debrief_notes", "notes"),
    _names("interviewers", INTERVIEWERS, None),
    _names("source", O.field("source"), m.Opportunity.source),
    _names("said_yes", O.field("said_yes"), m.Opportunity.said_yes),
), _via_opportunity(m.Interview))

OPPORTUNITIES = CsvSpec("opportunities", O, (
    _names("company", COMPANY_NAME, m.Company.name, required=True),
    _own(O, "title", "role", required=True),
    _own(O, "status"),
    _own(O, "source"),
    _own(O, "invited_on"),
    _own(O, "said_yes"),
    _own(O, "seniority"),
    _own(O, "work_mode"),
    _own(O, "salary_min"),
    _own(O, "salary_max"),
    _own(O, "salary_currency", "currency"),
    _own(O, "link"),
    _own(O, "tech_stack"),
    _own(O, "closed_on"),
    _own(O, "close_reason"),
    _own(O, "job_description"),
    _own(O, "notes"),
), lambda q: q.join(m.Company, on=(m.Opportunity.company == m.Company.id)))

COMPANIES = CsvSpec("companies", C, (
    _own(C, "name", required=True),
    _own(C, "website"),
    _own(C, "industry"),
    _own(C, "size_band", "size"),
    _own(C, "location"),
    _own(C, "notes"),
    _own(C, "strengths"),
    _own(C, "weaknesses"),
    _own(C, "red_flags"),
), lambda q: q)

CONTACTS = CsvSpec("contacts", k.CONTACT, (
    _own(k.CONTACT, "name", required=True),
    _names("company", COMPANY_NAME, ContactCompany.name),
    _own(k.CONTACT, "role"),
    _own(k.CONTACT, "email"),
    _own(k.CONTACT, "phone"),
    _own(k.CONTACT, "profile_link", "link"),
    _own(k.CONTACT, "met_on"),
    _names("how_met_company", COMPANY_NAME, MetCompany.name),
    _names("how_met_role", ROLE, MetOpportunity.title),
    _names("how_met_date", INTERVIEW_DATE, MetInterview.scheduled_on),
    _own(k.CONTACT, "relationship"),
    _own(k.CONTACT, "next_follow_up"),
    _own(k.CONTACT, "notes"),
), _contact_join)

OFFERS = CsvSpec("offers", k.OFFER, (
    _names("company", COMPANY_NAME, m.Company.name, required=True),
    _names("role", ROLE, m.Opportunity.title, required=True),
    _own(k.OFFER, "received_on", required=True),
    _own(k.OFFER, "respond_by"),
    _own(k.OFFER, "currency"),
    _own(k.OFFER, "base_salary", "base"),
    _own(k.OFFER, "bonus"),
    _own(k.OFFER, "equity_per_year", "equity"),
    _own(k.OFFER, "sign_on"),
    _own(k.OFFER, "benefits"),
    _own(k.OFFER, "work_mode"),
    _own(k.OFFER, "status"),
    _own(k.OFFER, "notes"),
), _via_opportunity(m.Offer))

QUESTIONS = CsvSpec("questions", k.QUESTION, (
    _own(k.QUESTION, "text", required=True),
    _names("company", COMPANY_NAME, m.Company.name),
    _names("role", ROLE, m.Opportunity.title),
    _names("date", INTERVIEW_DATE, m.Interview.scheduled_on),
    _names("time", INTERVIEW_TIME, m.Interview.scheduled_time),
    _names("stage", INTERVIEW_STAGE, m.Interview.stage),
    _own(k.QUESTION, "kind"),
    _own(k.QUESTION, "topic"),
    _own(k.QUESTION, "answer_quality"),
    _own(k.QUESTION, "my_answer"),
    _own(k.QUESTION, "better_answer"),
    _own(k.QUESTION, "follow_up"),
), _question_join)

SPECS: dict[str, CsvSpec] = {s.name: s for s in (INTERVIEWS, OPPORTUNITIES, COMPANIES, CONTACTS, OFFERS, QUESTIONS)}

def spec(name: str) -> CsvSpec:
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(f"unknown kind {name!r}; use one of: {', '.join(SPECS)}") from None
