"""The fixed lists of PRODUCT.md "Records". Stored as shown here; matched case-insensitively."""

SOURCES = ("recruiter outreach", "referral", "job board", "network", "applied myself", "other")
OPPORTUNITY_STATUSES = (
    "lead", "invited", "applied", "interviewing", "offer",
    "accepted", "declined", "rejected", "withdrawn", "ghosted",
)
CLOSED_STATUSES = ("accepted", "declined", "rejected", "withdrawn", "ghosted")
WORK_MODES = ("remote", "hybrid", "onsite")
STAGES = (
    "recruiter screen", "technical", "coding", "system design", "behavioral",
    "take-home", "onsite", "final", "other",
)
FORMATS = ("phone", "video", "onsite", "async")
OUTCOMES = ("scheduled", "passed", "failed", "cancelled", "no-show", "pending")
HELD_OUTCOMES = ("passed", "failed", "pending")
DECIDED_OUTCOMES = ("passed", "failed")
QUESTION_KINDS = ("technical", "behavioral", "system design", "role", "culture", "compensation", "mine")
FOLLOW_UPS = ("none", "to study", "studying", "mastered")
RATING_SOURCES = ("self", "interview feedback", "question")
OFFER_STATUSES = ("pending", "negotiating", "accepted", "declined", "expired", "rescinded")
SIZE_BANDS = ("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+")
INTERACTION_CHANNELS = ("email", "call", "video", "meeting", "message", "event", "other")
