"""The network around the interviews: who interviewed me, whom a contact met me at, who is due a follow-up.

Adding an interviewer by name may create the contact and its link in one step (one transaction, one
Change, one undo step): the contact works at the interview's company, was met on the interview's day,
at that interview.
"""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from ..db import db
from ..db import models as m
from . import records
from .changes import Change
from .errors import NotFoundError, ServiceError
from .kinds import CONTACT
from .list_specs import FOLLOW_UP_DUE, FOLLOW_UP_FILTER  # noqa: F401 (re-exported for the contact screen)
from .values import normalise


def interview_ids_of_contact(contact_id: int) -> list[int]:
    """The interviews a contact took part in as an interviewer, latest first."""
    query = (
        m.Interview.select(m.Interview.id)
        .join(m.InterviewContact, on=(m.InterviewContact.interview == m.Interview.id))
        .where(m.InterviewContact.contact == contact_id)
        .order_by(m.Interview.scheduled_on.desc(), m.Interview.scheduled_time.desc(), m.Interview.id.desc())
    )
    return [i for (i,) in query.tuples()]


# --- naming contacts ----------------------------------------------------------------------------


def _label(name: str, company: str | None) -> str:
    return f"{name} — {company}" if company else name


def contact_options(
    search: str = "", limit: int = 25, *, exclude: int | None = None, company_first: int | None = None
) -> list[tuple[int, str]]:
    """(id, "Ann Lee — Acme") for choosing a contact by typing, searched in SQL.

    Every word typed must appear in the name or the company; contacts at `company_first` come first.
    """
    company = m.Company.alias("option_company")
    query = m.Contact.select(m.Contact.id, m.Contact.name, company.name).join(
        company, JOIN.LEFT_OUTER, on=(m.Contact.company == company.id)
    )
    for word in normalise(search).replace("—", " ").split():
        query = query.where((fn.instr(m.Contact.name_key, word) > 0) | (fn.instr(company.name_key, word) > 0))
    if exclude is not None:
        query = query.where(m.Contact.id != exclude)
    order: list[Any] = [m.Contact.name_key, company.name_key, m.Contact.id]
    if company_first is not None:
        order.insert(0, (m.Contact.company != company_first) | m.Contact.company.is_null())
    return [(i, _label(name, firm)) for i, name, firm in query.order_by(*order).limit(limit).tuples()]


def contact_label(contact_id: int) -> str:
    """"Ann Lee — Acme" (or just the name, for a contact at no company)."""
    company = m.Company.alias("label_company")
    row = (
        m.Contact.select(m.Contact.name, company.name)
        .join(company, JOIN.LEFT_OUTER, on=(m.Contact.company == company.id))
        .where(m.Contact.id == contact_id)
        .tuples()
        .first()
    )
    return _label(*row) if row else f"(deleted contact {contact_id})"


# --- interviewers -------------------------------------------------------------------------------


def interview_company(interview_id: int) -> int:
    """The id of the company an interview is at (through its opportunity)."""
    row = (
        m.Opportunity.select(m.Opportunity.company)
        .join(m.Interview, on=(m.Interview.opportunity == m.Opportunity.id))
        .where(m.Interview.id == interview_id)
        .tuples()
        .first()
    )
    if row is None:
        raise NotFoundError("interview", interview_id)
    return int(row[0])


def find_contact(name: str, company_id: int | None) -> int | None:
    """The contact with this name at this company (the natural key), if there is one."""
    return records.find_by_natural_key(CONTACT, {"name": name, "company": company_id})


def add_interviewer(interview_id: int, *, contact_id: int | None = None, name: str = "") -> Change:
    """Make a contact an interviewer of an interview, in one undoable step.

    Give `contact_id` for an existing contact, or `name`: the contact of that name at the interview's
    company if there is one, else a new contact there (met on the interview's day, at that interview).
    """
    with db.atomic():
        interview = records.get("interview", interview_id)
        rows = []
        if contact_id is None:
            name = name.strip()
            if not name:
                raise ServiceError("Type the interviewer's name")
            company_id = interview_company(interview_id)
            contact_id = find_contact(name, company_id)
            if contact_id is None:
                created = records.create("contact", {
                    "name": name, "company": company_id, "met_on": interview["scheduled_on"],
                    "how_met": interview_id,
                })
                rows += created.rows
                contact_id = created.primary_id
        elif not records.exists("contact", contact_id):
            raise NotFoundError("contact", contact_id)
        taken = (m.InterviewContact.select()
                 .where((m.InterviewContact.interview == interview_id) & (m.InterviewContact.contact == contact_id))
                 .exists())
        if taken:
            who = records.get("contact", contact_id)["name"]
            raise ServiceError(f"{who} is already an interviewer of this interview")
        link = records.create("interview_contact", {"interview": interview_id, "contact": contact_id})
    # a new contact before its link: redo writes the rows in this order, undo in reverse
    return Change("add interviewer", rows + link.rows)


def remove_interviewer(link_id: int) -> Change:
    """Take a contact off an interview's interviewers; the contact stays."""
    change = records.delete("interview_contact", link_id)
    change.label = "remove interviewer"
    return change


def interviewer_contact(link_id: int) -> int:
    """The contact of an interview_contact link."""
    return int(records.get("interview_contact", link_id)["contact"])
