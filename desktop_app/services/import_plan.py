"""How each import row becomes records: natural keys, linked records found or created, and the writes
it needs, planned before anything is written (PRODUCT.md "CSV interchange").

Lookups run against dicts keyed by normalised natural key, filled by a few chunked queries up front,
so a large import does not query per row. A row's plan is kept only when the whole row is valid.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from operator import itemgetter
from typing import Any

from peewee import SQL

from ..db import models as m
from . import kinds as k
from . import records
from .changes import Row
from .import_ops import Cells, Planned, Ref, RowPlan, Unlink, Update
from .interchange import INTERVIEWER_SEPARATOR, CsvSpec
from .values import normalise


CROSS_CHECKED = ("opportunity", "offer")  # the kinds records.cross_field_errors has rules for


def _select_in(model: type[m.BaseModel], column: Any, keys: Iterable[Any]) -> Iterator[Row]:
    """The rows whose column is one of the keys (texts or ids), in id order: one query, the keys
    handed over as one JSON array rather than a parameter each."""
    keys = list(dict.fromkeys(keys))
    if keys:
        listed = SQL("(SELECT value FROM json_each(?))", [json.dumps(keys)])
        yield from model.select().where(column.in_(listed)).order_by(model.id).dicts()


def _getter(names: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    """What gives the values of these keys of a row, as a tuple."""
    return itemgetter(*names) if len(names) > 1 else lambda row: tuple(row[n] for n in names)


def _distinct(rows: list[Cells], columns: Iterable[str]) -> set[Any]:
    """The distinct non-empty values of these columns over the rows."""
    return {value for column in columns for value in {r.get(column) for r in rows}} - {None, ""}


class Planner:
    """Plans the rows of one import of one kind, in file order."""

    def __init__(self, spec: CsvSpec, *, update: bool, today: dt.date):
        self.spec, self.update, self.today = spec, update, today
        self.companies: dict[str, Ref] = {}
        self.opportunities: dict[tuple[Ref, str], Ref] = {}
        self.interviews: dict[tuple[Ref, dt.date, str | None, str], Ref] = {}
        self.days: dict[tuple[int, dt.date], list[Row]] = {}
        self.contacts: dict[tuple[str, Ref | None], Ref] = {}
        self.contact_by_name: dict[str, Ref] = {}
        self.questions: dict[tuple[str, Ref | None], Ref] = {}
        self.offers: dict[tuple[Ref, dt.date], Ref] = {}
        self.links: dict[Ref, dict[Ref, Row | Planned]] = {}
        self.rows: dict[str, dict[int, Row]] = {}
        self.updates: dict[tuple[str, int], Update] = {}
        self.own = tuple((c.name, c.target) for c in spec.columns if c.target)
        self.keys: dict[str, str] = {}  # text -> normalise(text), as names repeat from row to row
        # kind -> (defaults, required fields, what gives their values)
        self.new_values: dict[str, tuple[Row, tuple[str, ...], Callable[[Row], tuple[Any, ...]]]] = {}
        self.contact_name = k.CONTACT.field("name")
        self.contact_names: dict[str, str] = {}  # an interviewer as written -> the contact name it gives
        self.stage_default = k.INTERVIEW.field("stage").default
        self._plan_row: Callable[[RowPlan, Cells], None] = getattr(self, "_" + spec.name)

    def key(self, text: str) -> str:
        found = self.keys.get(text)
        if found is None:
            found = self.keys[text] = normalise(text)
        return found

    # --- loading what exists ------------------------------------------------------------------

    def _keep(self, model: type[m.BaseModel], row: Row) -> Row:
        self.rows.setdefault(model._meta.table_name, {})[row["id"]] = row
        return row

    def preload(self, rows: list[Cells]) -> None:
        """Fetch the existing records the rows can name, a few queries in all."""
        company_columns = ("name",) if self.spec.name == "companies" else ("company", "how_met_company")
        names = set(map(self.key, _distinct(rows, [c for c in company_columns if c in self.spec.names])))
        for row in _select_in(m.Company, m.Company.name_key, names):
            self.companies[self._keep(m.Company, row)["name_key"]] = row["id"]
        company_ids = set(self.companies.values())
        opportunity_ids: list[int] = []
        for row in _select_in(m.Opportunity, m.Opportunity.company, company_ids):
            self.opportunities[(row["company"], self._keep(m.Opportunity, row)["title_key"])] = row["id"]
            opportunity_ids.append(row["id"])
        kind = self.spec.name
        if kind in ("interviews", "questions", "contacts"):
            for row in _select_in(m.Interview, m.Interview.opportunity, opportunity_ids):
                self._keep(m.Interview, row)
                key = (row["opportunity"], row["scheduled_on"], row["scheduled_time"], row["stage"])
                self.interviews.setdefault(key, row["id"])
                self.days.setdefault((row["opportunity"], row["scheduled_on"]), []).append(row)
        if kind == "interviews" and self.update:
            interview_ids = list(self.rows.get("interview", {}))
            for row in _select_in(m.InterviewContact, m.InterviewContact.interview, interview_ids):
                self.links.setdefault(row["interview"], {})[row["contact"]] = row
        if kind in ("interviews", "contacts"):
            people = set(map(normalise, _distinct(rows, ["name"]))) if kind == "contacts" else set()
            for text in _distinct(rows, ["interviewers"]):
                people.update(map(self.key, str(text).split(INTERVIEWER_SEPARATOR)))
            for row in _select_in(m.Contact, m.Contact.name_key, people - {""}):
                self._keep(m.Contact, row)
                self.contacts.setdefault((row["name_key"], row["company"]), row["id"])
                self.contact_by_name.setdefault(row["name_key"], row["id"])
        if kind == "questions":
            texts = {normalise(r["text"]) for r in rows if r.get("text")}
            for row in _select_in(m.Question, m.Question.text_key, texts):
                self.questions.setdefault((self._keep(m.Question, row)["text_key"], row["interview"]), row["id"])
        if kind == "offers":
            for row in _select_in(m.Offer, m.Offer.opportunity, opportunity_ids):
                self.offers[(row["opportunity"], self._keep(m.Offer, row)["received_on"])] = row["id"]

    # --- shared steps -------------------------------------------------------------------------

    def _column(self, target: str) -> str:
        return self.spec.column_for(target)

    def _check(self, plan: RowPlan, kind: k.Kind, merged: dict[str, Any]) -> None:
        for err in records.cross_field_errors(kind, merged):
            plan.error(self._column(err.field), err.message)

    def _create(self, plan: RowPlan, kind: k.Kind, values: dict[str, Any]) -> Planned:
        start = self.new_values.get(kind.name)
        if start is None:
            required = tuple(f.name for f in kind.fields if f.required)
            start = self.new_values[kind.name] = (records.defaults(kind.name), required, _getter(required))
        full = {**start[0], **values}  # every field of the kind is a key
        if None in start[2](full):
            for name in start[1]:
                if full[name] is None:
                    plan.error(self._column(name), "is required")
        if kind.name in CROSS_CHECKED:
            self._check(plan, kind, full)
        planned = Planned(kind, full, plan.line)
        plan.ops.append(planned)
        if kind is self.spec.kind:
            plan.outcome = "created"  # the highest outcome
        return planned

    def _existing(self, plan: RowPlan, kind: k.Kind, ref: Ref, values: dict[str, Any]) -> None:
        """A row whose natural key matches a record: skipped, or with --update its non-empty cells
        (other than the natural key) update it."""
        if not self.update:
            return
        values = {n: v for n, v in values.items() if n not in kind.natural_key}
        if isinstance(ref, Planned):
            changes = {n: v for n, v in values.items() if ref.values.get(n) != v}
            self._check(plan, kind, {**ref.values, **changes})
            if changes:
                plan.commits.append(lambda: ref.values.update(changes))
                plan.mark("updated")
            return
        table = kind.model._meta.table_name
        pending = self.updates.get((table, ref))
        before = self.rows[table][ref]
        current = {**before, **(pending.values if pending else {})}
        changes = {n: v for n, v in values.items() if current.get(n) != v}
        self._check(plan, kind, {**current, **changes})
        if not changes:
            return
        plan.mark("updated")
        if pending is not None:
            plan.commits.append(lambda: pending.values.update(changes))
            return
        op = Update(kind, ref, before, changes, plan.line)
        if kind is k.OFFER and any(n in changes for n in k.OFFER_FIGURES):
            revision = {n: before[n] for n in k.OFFER_FIGURES}
            revision |= {"offer": ref, "revised_on": self.today, "note": "figures before this revision"}
            plan.ops.append(Planned(k.OFFER_REVISION, revision, plan.line))
        plan.ops.append(op)
        plan.commits.append(lambda: self.updates.__setitem__((table, ref), op))

    def _own_values(self, cells: Cells) -> dict[str, Any]:
        return {target: cells[name] for name, target in self.own if name in cells}

    def _company(self, plan: RowPlan, name: str, *, create: bool) -> Ref | None:
        key = self.keys.get(name) or self.key(name)
        ref = self.companies.get(key)
        if ref is None and create:
            ref = self._create(plan, k.COMPANY, {"name": name})
            plan.commits.append(partial(self.companies.__setitem__, key, ref))
        return ref

    def _named_interview(self, plan: RowPlan, cells: Cells, columns: tuple[str, str, str]) -> int | None:
        """The interview a row names by company, role and date (the earliest that day; a questions
        row may narrow it by time and stage). None when the row names none."""
        narrowing = tuple(c for c in ("time", "stage") if c in cells and c in self.spec.names)
        if not any(c in cells for c in columns + narrowing):
            return None
        missing = [c for c in columns if c not in cells]
        for column in missing:
            plan.error(column, f"is required to name the interview ({', '.join(columns)} go together)")
        if missing:
            return None
        company_col, role_col, date_col = columns
        company_name, role, day = cells[company_col], cells[role_col], cells[date_col]
        company = self.companies.get(normalise(company_name))
        if company is None:
            plan.error(company_col, f"there is no company named '{company_name}'")
            return None
        opportunity = self.opportunities.get((company, normalise(role)))
        if opportunity is None:
            plan.error(role_col, f"'{company_name}' has no role '{role}'")
            return None
        candidates = [
            r for r in self.days.get((opportunity, day), [])
            if all(cells[c] == r[f] for c, f in (("time", "scheduled_time"), ("stage", "stage")) if c in narrowing)
        ]
        if not candidates:
            plan.error(date_col, f"there is no interview for '{role}' at '{company_name}' on {day.isoformat()}")
            return None
        earliest = min(candidates, key=lambda r: (r["scheduled_time"] is None, r["scheduled_time"] or "", r["id"]))
        return int(earliest["id"])

    # --- one row of each kind -----------------------------------------------------------------

    def plan(self, line: int, cells: Cells) -> RowPlan:
        plan = RowPlan(line)
        self._plan_row(plan, cells)
        return plan

    def _companies(self, plan: RowPlan, cells: Cells) -> None:
        key = normalise(cells["name"])
        values = self._own_values(cells)
        ref = self.companies.get(key)
        if ref is not None:
            self._existing(plan, k.COMPANY, ref, values)
            return
        new = self._create(plan, k.COMPANY, values)
        plan.commits.append(partial(self.companies.__setitem__, key, new))

    def _opportunities(self, plan: RowPlan, cells: Cells) -> None:
        company = self._company(plan, cells["company"], create=True)
        values = self._own_values(cells) | {"company": company}
        key = (company, normalise(cells["role"]))
        ref = self.opportunities.get(key)
        if ref is not None:
            self._existing(plan, k.OPPORTUNITY, ref, values)
            return
        new = self._create(plan, k.OPPORTUNITY, values)
        plan.commits.append(partial(self.opportunities.__setitem__, key, new))

    def _interviews(self, plan: RowPlan, cells: Cells) -> None:
        company = self.companies.get(self.keys.get(cells["company"], ""))
        if company is None:
            company = self._company(plan, cells["company"], create=True)
        role = cells["role"]
        opportunity_key = (company, self.keys.get(role) or self.key(role))
        opportunity = self.opportunities.get(opportunity_key)
        if opportunity is None:  # source and said_yes come from the row that creates it, and only from it
            opportunity = self._create(plan, k.OPPORTUNITY, {
                "company": company, "title": cells["role"], "status": "interviewing", "said_yes": True,
            } | {n: cells[n] for n in ("source", "said_yes") if n in cells})
            plan.commits.append(partial(self.opportunities.__setitem__, opportunity_key, opportunity))
        values = {target: cells[name] for name, target in self.own if name in cells}  # _own_values, inlined
        values["opportunity"] = opportunity
        stage = values.get("stage") or self.stage_default
        key = (opportunity, values["scheduled_on"], values.get("scheduled_time"), stage)
        interview = self.interviews.get(key)
        if interview is not None:
            self._existing(plan, k.INTERVIEW, interview, values)
            if self.update and "interviewers" in cells:
                self._interviewers(plan, interview, company, cells["interviewers"])
            return
        if "outcome" not in values:
            values["outcome"] = "pending" if values["scheduled_on"] < self.today else "scheduled"
        new = self._create(plan, k.INTERVIEW, values)
        plan.commits.append(partial(self.interviews.__setitem__, key, new))
        if "interviewers" in cells:
            self._interviewers(plan, new, company, cells["interviewers"])

    def _interviewers(self, plan: RowPlan, interview: Ref, company: Ref | None, text: str) -> None:
        """Make the interview's interviewers exactly the contacts named (created at its company if new)."""
        wanted: dict[Ref, None] = {}
        for raw in text.split(INTERVIEWER_SEPARATOR):
            if not raw.strip():
                continue
            name = self.contact_names.get(raw)
            if name is None:
                try:
                    name = self.contact_names[raw] = self.contact_name.clean(raw)
                except ValueError as exc:
                    plan.error("interviewers", f"'{raw.strip()}': {exc}")
                    continue
            wanted[self._contact(plan, name, company)] = None
        links = self.links.get(interview, {})
        new_links: dict[Ref, Row | Planned] = {c: links[c] for c in wanted if c in links}
        for contact in wanted:
            if contact not in links:
                new_links[contact] = Planned(k.INTERVIEW_CONTACT, {"interview": interview, "contact": contact},
                                             plan.line)
                plan.ops.append(new_links[contact])
        removed = [link for contact, link in links.items() if contact not in wanted]
        for link in removed:
            if isinstance(link, Planned):
                plan.commits.append(lambda link=link: setattr(link, "dropped", True))
            else:
                plan.ops.append(Unlink(link, plan.line))
        if not isinstance(interview, Planned) and (removed or len(new_links) > len(links) - len(removed)):
            plan.mark("updated")
        plan.commits.append(lambda: self.links.__setitem__(interview, new_links))

    def _contact(self, plan: RowPlan, name: str, company: Ref | None) -> Ref:
        """An interviewer by name: at the interview's company first, then anywhere, else a new contact."""
        key = self.key(name)
        found = self.contacts.get((key, company)) or self.contact_by_name.get(key)
        if found is not None:
            return found
        new = self._create(plan, k.CONTACT, {"name": name, "company": company})

        def register() -> None:
            self.contacts.setdefault((key, company), new)
            self.contact_by_name.setdefault(key, new)

        plan.commits.append(register)
        return new

    def _contacts(self, plan: RowPlan, cells: Cells) -> None:
        company = self._company(plan, cells["company"], create=True) if "company" in cells else None
        values = self._own_values(cells) | {"company": company}
        met_at = self._named_interview(plan, cells, ("how_met_company", "how_met_role", "how_met_date"))
        if met_at is not None:
            values["how_met"] = met_at
        if plan.errors:
            return
        key = (normalise(cells["name"]), company)
        ref = self.contacts.get(key)
        if ref is not None:
            self._existing(plan, k.CONTACT, ref, values)
            return
        new = self._create(plan, k.CONTACT, values)
        plan.commits.append(partial(self.contacts.__setitem__, key, new))

    def _offers(self, plan: RowPlan, cells: Cells) -> None:
        company = self._company(plan, cells["company"], create=False)
        if company is None:
            plan.error("company", f"there is no company named '{cells['company']}'; import its opportunity first")
            return
        opportunity = self.opportunities.get((company, normalise(cells["role"])))
        if opportunity is None:
            plan.error("role", f"'{cells['company']}' has no role '{cells['role']}'; import the opportunity first")
            return
        values = self._own_values(cells) | {"opportunity": opportunity}
        key = (opportunity, values["received_on"])
        ref = self.offers.get(key)
        if ref is not None:
            self._existing(plan, k.OFFER, ref, values)
            return
        new = self._create(plan, k.OFFER, {"base_salary": 0} | values)
        plan.commits.append(partial(self.offers.__setitem__, key, new))

    def _questions(self, plan: RowPlan, cells: Cells) -> None:
        interview = self._named_interview(plan, cells, ("company", "role", "date"))
        if plan.errors:
            return
        values = self._own_values(cells) | {"interview": interview}
        key = (normalise(cells["text"]), interview)
        ref = self.questions.get(key)
        if ref is not None:
            self._existing(plan, k.QUESTION, ref, values)
            return
        new = self._create(plan, k.QUESTION, values)
        plan.commits.append(partial(self.questions.__setitem__, key, new))
