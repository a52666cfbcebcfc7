"""Numbered schema migrations, kept in code (a frozen app has no migration files on disk).

The steps a file needs run inside one transaction with foreign keys off (so a table rebuild cannot
cascade deletes into children); after each, `PRAGMA foreign_key_check` must come back empty. A file
is thus migrated wholly or not at all: a step that fails leaves it at the version it had, which the
SayYes that wrote it can still open.
A step is frozen once released: later model changes get a new step, never an edit of an old one.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase


class SchemaError(Exception):
    """The data file cannot be used with this version of SayYes."""


class SchemaTooNewError(SchemaError):
    pass


class NotSayYesFileError(SchemaError):
    pass


_V1_STATEMENTS = (
    'CREATE TABLE "company" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL, "name_key" VARCHAR(255) NOT NULL, "website" VARCHAR(255), "industry" VARCHAR(255), "size_band" VARCHAR(255), "location" VARCHAR(255), "notes" TEXT, "strengths" TEXT, "weaknesses" TEXT, "red_flags" TEXT)',
    'CREATE UNIQUE INDEX "company_name_key" ON "company" ("name_key")',
    'CREATE TABLE "opportunity" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "company_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, "title_key" VARCHAR(255) NOT NULL, "source" VARCHAR(255), "invited_on" DATE, "status" VARCHAR(255) NOT NULL, "said_yes" INTEGER NOT NULL, "seniority" VARCHAR(255), "work_mode" VARCHAR(255), "salary_min" INTEGER, "salary_max" INTEGER, "salary_currency" VARCHAR(255), "link" VARCHAR(255), "tech_stack" TEXT, "closed_on" DATE, "close_reason" TEXT, "job_description" TEXT, "notes" TEXT, FOREIGN KEY ("company_id") REFERENCES "company" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "opportunity_company_id" ON "opportunity" ("company_id")',
    'CREATE INDEX "opportunity_invited_on" ON "opportunity" ("invited_on")',
    'CREATE INDEX "opportunity_status" ON "opportunity" ("status")',
    'CREATE UNIQUE INDEX "opportunity_company_id_title_key" ON "opportunity" ("company_id", "title_key")',
    'CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "opportunity_id" INTEGER NOT NULL, "scheduled_on" DATE NOT NULL, "scheduled_time" VARCHAR(255), "duration_minutes" INTEGER, "stage" VARCHAR(255) NOT NULL, "format" VARCHAR(255), "confidence_before" INTEGER, "self_rating_after" INTEGER, "outcome" VARCHAR(255) NOT NULL, "employer_feedback" TEXT, "employer_rating" INTEGER, "prep_notes" TEXT, "debrief_notes" TEXT, FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interview_opportunity_id" ON "interview" ("opportunity_id")',
    'CREATE INDEX "interview_scheduled_on" ON "interview" ("scheduled_on")',
    'CREATE INDEX "interview_stage" ON "interview" ("stage")',
    'CREATE INDEX "interview_outcome" ON "interview" ("outcome")',
    'CREATE INDEX "interview_opportunity_id_scheduled_on" ON "interview" ("opportunity_id", "scheduled_on")',
    'CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL, "name_key" VARCHAR(255) NOT NULL, "company_id" INTEGER, "role" VARCHAR(255), "email" VARCHAR(255), "phone" VARCHAR(255), "profile_link" VARCHAR(255), "how_met_id" INTEGER, "met_on" DATE, "relationship" VARCHAR(255), "next_follow_up" DATE, "notes" TEXT, FOREIGN KEY ("company_id") REFERENCES "company" ("id") ON DELETE RESTRICT, FOREIGN KEY ("how_met_id") REFERENCES "interview" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "contact_name_key" ON "contact" ("name_key")',
    'CREATE INDEX "contact_company_id" ON "contact" ("company_id")',
    'CREATE INDEX "contact_how_met_id" ON "contact" ("how_met_id")',
    'CREATE INDEX "contact_met_on" ON "contact" ("met_on")',
    'CREATE INDEX "contact_next_follow_up" ON "contact" ("next_follow_up")',
    'CREATE TABLE "criterion" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL, "name_key" VARCHAR(255) NOT NULL, "description" TEXT, "weight" INTEGER NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "criterion_name_key" ON "criterion" ("name_key")',
    'CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "contact_id" INTEGER NOT NULL, "occurred_on" DATE NOT NULL, "channel" VARCHAR(255), "summary" TEXT, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interaction_contact_id" ON "interaction" ("contact_id")',
    'CREATE INDEX "interaction_occurred_on" ON "interaction" ("occurred_on")',
    'CREATE TABLE "interview_contact" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "interview_id" INTEGER NOT NULL, "contact_id" INTEGER NOT NULL, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interview_contact_interview_id" ON "interview_contact" ("interview_id")',
    'CREATE INDEX "interview_contact_contact_id" ON "interview_contact" ("contact_id")',
    'CREATE UNIQUE INDEX "interview_contact_interview_id_contact_id" ON "interview_contact" ("interview_id", "contact_id")',
    'CREATE TABLE "offer" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "opportunity_id" INTEGER NOT NULL, "received_on" DATE NOT NULL, "respond_by" DATE, "currency" VARCHAR(255) NOT NULL, "base_salary" INTEGER NOT NULL, "bonus" INTEGER, "equity_per_year" INTEGER, "sign_on" INTEGER, "benefits" TEXT, "work_mode" VARCHAR(255), "status" VARCHAR(255) NOT NULL, "notes" TEXT, FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "offer_opportunity_id" ON "offer" ("opportunity_id")',
    'CREATE INDEX "offer_received_on" ON "offer" ("received_on")',
    'CREATE INDEX "offer_status" ON "offer" ("status")',
    'CREATE UNIQUE INDEX "offer_opportunity_id_received_on" ON "offer" ("opportunity_id", "received_on")',
    'CREATE TABLE "offer_revision" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "offer_id" INTEGER NOT NULL, "revised_on" DATE NOT NULL, "currency" VARCHAR(255) NOT NULL, "base_salary" INTEGER NOT NULL, "bonus" INTEGER, "equity_per_year" INTEGER, "sign_on" INTEGER, "note" TEXT, FOREIGN KEY ("offer_id") REFERENCES "offer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "offer_revision_offer_id" ON "offer_revision" ("offer_id")',
    'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "interview_id" INTEGER, "text" TEXT NOT NULL, "text_key" TEXT NOT NULL, "kind" VARCHAR(255) NOT NULL, "topic" VARCHAR(255), "answer_quality" INTEGER, "my_answer" TEXT, "better_answer" TEXT, "follow_up" VARCHAR(255) NOT NULL, FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "question_interview_id" ON "question" ("interview_id")',
    'CREATE INDEX "question_topic" ON "question" ("topic")',
    'CREATE INDEX "question_follow_up" ON "question" ("follow_up")',
    'CREATE INDEX "question_text_key_interview_id" ON "question" ("text_key", "interview_id")',
    'CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL, "applied_at" DATETIME NOT NULL)',
    'CREATE TABLE "score" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "company_id" INTEGER NOT NULL, "criterion_id" INTEGER NOT NULL, "score" INTEGER NOT NULL, "note" TEXT, "scored_on" DATE NOT NULL, FOREIGN KEY ("company_id") REFERENCES "company" ("id") ON DELETE CASCADE, FOREIGN KEY ("criterion_id") REFERENCES "criterion" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "score_company_id" ON "score" ("company_id")',
    'CREATE INDEX "score_criterion_id" ON "score" ("criterion_id")',
    'CREATE INDEX "score_company_id_criterion_id_scored_on" ON "score" ("company_id", "criterion_id", "scored_on")',
    'CREATE TABLE "setting" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "key" VARCHAR(255) NOT NULL, "value" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "setting_key" ON "setting" ("key")',
    'CREATE TABLE "skill" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "name" VARCHAR(255) NOT NULL, "name_key" VARCHAR(255) NOT NULL, "category" VARCHAR(255), "target_level" INTEGER)',
    'CREATE UNIQUE INDEX "skill_name_key" ON "skill" ("name_key")',
    'CREATE TABLE "skill_rating" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "skill_id" INTEGER NOT NULL, "rated_on" DATE NOT NULL, "level" INTEGER NOT NULL, "source" VARCHAR(255) NOT NULL, FOREIGN KEY ("skill_id") REFERENCES "skill" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "skill_rating_skill_id" ON "skill_rating" ("skill_id")',
    'CREATE INDEX "skill_rating_skill_id_rated_on" ON "skill_rating" ("skill_id", "rated_on")',
    'CREATE TABLE "task" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "title" VARCHAR(255) NOT NULL, "due_on" DATE, "done" INTEGER NOT NULL, "contact_id" INTEGER, "question_id" INTEGER, "skill_id" INTEGER, "opportunity_id" INTEGER, "offer_id" INTEGER, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE SET NULL, FOREIGN KEY ("skill_id") REFERENCES "skill" ("id") ON DELETE SET NULL, FOREIGN KEY ("opportunity_id") REFERENCES "opportunity" ("id") ON DELETE SET NULL, FOREIGN KEY ("offer_id") REFERENCES "offer" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "task_due_on" ON "task" ("due_on")',
    'CREATE INDEX "task_done" ON "task" ("done")',
    'CREATE INDEX "task_contact_id" ON "task" ("contact_id")',
    'CREATE INDEX "task_question_id" ON "task" ("question_id")',
    'CREATE INDEX "task_skill_id" ON "task" ("skill_id")',
    'CREATE INDEX "task_opportunity_id" ON "task" ("opportunity_id")',
    'CREATE INDEX "task_offer_id" ON "task" ("offer_id")',
)


def _v1_initial(database: SqliteDatabase) -> None:
    for statement in _V1_STATEMENTS:
        database.execute_sql(statement)


_V2_INDEXES = (
    # the Dashboard's interview figures read this index alone: held/decided outcomes, by date and self-rating
    'DROP INDEX "interview_outcome"',
    'CREATE INDEX "interview_outcome_scheduled_on" ON "interview" '
    '("outcome", "scheduled_on", "self_rating_after", "opportunity_id")',
    # the weakest topics: every question's topic and answer quality without reading its row
    'DROP INDEX "question_topic"',
    'CREATE INDEX "question_topic_answer_quality" ON "question" ("topic", "answer_quality")',
    # each company's latest score per criterion, newest first, read from the index alone
    'DROP INDEX "score_company_id_criterion_id_scored_on"',
    'CREATE INDEX "score_company_id_criterion_id_latest" ON "score" '
    '("company_id", "criterion_id", "scored_on" DESC, "id" DESC, "score")',
)
# The text columns the lists search, a full-text index each (trigram: any substring of 3 characters or
# more, case-insensitive), kept in step with its table by triggers. Frozen with schema 2. A later step that
# rebuilds one of these tables must create its three triggers again: dropping a table drops its triggers.
_V2_SEARCHED = (
    ("company", ("name_key", "industry", "location")),
    ("opportunity", ("title_key", "tech_stack", "notes")),
    ("interview", ("stage", "debrief_notes", "employer_feedback")),
    ("contact", ("name_key", "role", "email")),
    ("question", ("text_key", "topic")),
    ("task", ("title",)),
)


def _v2_search_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    index = f"{table}_search"
    names = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    insert = f'INSERT INTO "{index}" (rowid, {names}) VALUES (new."id", {new});'
    delete = f'INSERT INTO "{index}" ("{index}", rowid, {names}) VALUES (\'delete\', old."id", {old});'
    return [
        f'CREATE VIRTUAL TABLE "{index}" USING fts5({names}, content="{table}", content_rowid="id", '
        f"tokenize=\"trigram\", columnsize=0)",
        f'CREATE TRIGGER "{index}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f'CREATE TRIGGER "{index}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        f'CREATE TRIGGER "{index}_update" AFTER UPDATE OF {names} ON "{table}" BEGIN {delete} {insert} END',
        f'INSERT INTO "{index}" ("{index}") VALUES (\'rebuild\')',
    ]


def _v2_search(database: SqliteDatabase) -> None:
    """Indexes for the Dashboard's aggregates, and full-text indexes for the lists' search boxes."""
    for statement in _V2_INDEXES:
        database.execute_sql(statement)
    for table, columns in _V2_SEARCHED:
        for statement in _v2_search_statements(table, columns):
            database.execute_sql(statement)


MIGRATIONS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _v1_initial,
    2: _v2_search,
}
LATEST_VERSION = max(MIGRATIONS)


def _table_names(database: SqliteDatabase) -> set[str]:
    return {row[0] for row in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def current_version(database: SqliteDatabase) -> int:
    """0 for an empty file; raises NotSayYesFileError for a SQLite file that is not ours."""
    tables = _table_names(database)
    if "schema_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise NotSayYesFileError("This file is a SQLite database, but not a SayYes data file.")
        return 0
    row = database.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def check_version(database: SqliteDatabase) -> int:
    version = current_version(database)
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            f"This data file was written by a newer version of SayYes (schema {version}); "
            f"this version reads schema {LATEST_VERSION} and older. Update SayYes to open it."
        )
    return version


def migrate(database: SqliteDatabase) -> list[int]:
    """Bring the file to LATEST_VERSION; return the versions applied (empty when already current)."""
    applied: list[int] = []
    version = check_version(database)
    if version == LATEST_VERSION:
        return applied
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with database.atomic():
            for number in range(version + 1, LATEST_VERSION + 1):
                MIGRATIONS[number](database)
                problems = database.execute_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise SchemaError(
                        f"Migration to schema {number} would break {len(problems)} links between records "
                        f"(first: table {problems[0][0]}, row {problems[0][1]}); nothing was changed."
                    )
                database.execute_sql(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))", (number,)
                )
                applied.append(number)
    finally:
        database.execute_sql("PRAGMA foreign_keys = ON")
    return applied
