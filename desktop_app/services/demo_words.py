"""Seed words for the demo data: names, places, roles, questions, notes. Data, not logic.

Kept as Python (not JSON files) so a frozen app carries them without extra packaging.
"""

from __future__ import annotations

# --- companies --------------------------------------------------------------------------------

COMPANY_STEMS = (
    "North", "Blue", "Bright", "Silver", "Iron", "Red", "Green", "Open", "Clear", "Deep", "High", "Swift",
    "True", "Star", "Sun", "Moon", "Cloud", "Stone", "River", "Oak", "Pine", "Maple", "Nova", "Astra",
    "Terra", "Aero", "Lumen", "Vita", "Zen", "Polar", "Quantum", "Urban", "Alpen", "Nord", "Kite",
    "Harbor", "Cedar", "Fox", "Wolf", "Hawk", "Copper", "Amber", "Coral", "Echo", "Lynx", "Orbit",
)
COMPANY_ROOTS = (
    "wind", "path", "forge", "stack", "loop", "field", "light", "wave", "bridge", "gate", "works",
    "point", "line", "mark", "shift", "base", "grid", "leaf", "byte", "cart", "flow", "hive", "nest",
    "peak", "ray", "scale", "yard", "craft", "spring", "ledger", "tide", "frame", "sail", "vault",
)
GENERIC_SUFFIXES = ("", "", "", " Labs", " Systems", " Technologies", " Software", " Digital", " Group", " GmbH", " Ltd", " Inc.")
# Names with accents and special letters, so the demo shows normalised (case-folded) names at work.
SPECIAL_COMPANIES = (
    ("Ärzteportal", "Healthtech"), ("Straße Mobility", "Mobility"), ("Øresund Data", "Data & AI"),
    ("Café Ledger", "Fintech"), ("Überblick Analytics", "Data & AI"), ("Mañana Travel", "Travel"),
    ("Łódź Software House", "Consulting"), ("Zürich Quant Partners", "Fintech"), ("Köln Games", "Gaming"),
    ("Élan Health", "Healthtech"),
)

# industry -> name suffixes that suit it
INDUSTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Fintech", (" Pay", " Finance", " Bank", " Capital")),
    ("Healthtech", (" Health", " Care", " Medical")),
    ("E-commerce", (" Commerce", " Shop", " Market")),
    ("Mobility", (" Mobility", " Rides", " Motors")),
    ("Developer tools", (" Dev", " Code", " Labs")),
    ("Logistics", (" Logistics", " Freight", " Delivery")),
    ("Media & streaming", (" Media", " Stream", " Studios")),
    ("Travel", (" Travel", " Trips")),
    ("Insurance", (" Insurance", " Assure")),
    ("Energy & climate", (" Energy", " Climate", " Power")),
    ("Gaming", (" Games", " Play")),
    ("Edtech", (" Learning", " Academy")),
    ("Cybersecurity", (" Security", " Shield")),
    ("SaaS / B2B", (" Cloud", " Software", " HQ")),
    ("Marketplace", (" Market", " Exchange")),
    ("Adtech", (" Ads", " Reach")),
    ("HR tech", (" People", " Talent")),
    ("Data & AI", (" AI", " Analytics", " Data")),
    ("Robotics", (" Robotics", " Automation")),
    ("Consulting", (" Consulting", " Partners")),
)

# location, currency, phone prefix, weight
LOCATIONS: tuple[tuple[str, str, str, int], ...] = (
    ("Berlin, Germany", "EUR", "+49", 20),
    ("Munich, Germany", "EUR", "+49", 7),
    ("Hamburg, Germany", "EUR", "+49", 4),
    ("Amsterdam, Netherlands", "EUR", "+31", 8),
    ("Lisbon, Portugal", "EUR", "+351", 4),
    ("Paris, France", "EUR", "+33", 5),
    ("Barcelona, Spain", "EUR", "+34", 3),
    ("Dublin, Ireland", "EUR", "+353", 4),
    ("Vienna, Austria", "EUR", "+43", 2),
    ("Remote (EU)", "EUR", "+49", 6),
    ("London, UK", "GBP", "+44", 12),
    ("Manchester, UK", "GBP", "+44", 3),
    ("New York, USA", "USD", "+1", 5),
    ("San Francisco, USA", "USD", "+1", 5),
    ("Austin, USA", "USD", "+1", 2),
    ("Remote (US)", "USD", "+1", 3),
    ("Zürich, Switzerland", "CHF", "+41", 4),
    ("Stockholm, Sweden", "SEK", "+46", 3),
    ("Warsaw, Poland", "PLN", "+48", 3),
)

# Local currency units per EUR of market pay (salary ranges), and display-currency (EUR) rates.
PAY_FACTOR = {"EUR": 1.0, "GBP": 1.05, "USD": 1.9, "CHF": 1.65, "SEK": 9.5, "PLN": 3.4}
EUR_RATES = {"USD": "0.92", "GBP": "1.17", "CHF": "1.05", "SEK": "0.088", "PLN": "0.23"}

STRENGTHS = (
    "Strong engineering blog and open-source work",
    "Blameless post-mortems, written down and shared",
    "Senior engineers who clearly enjoy mentoring",
    "Four-day week pilot that actually stuck",
    "Generous learning budget and conference time",
    "Product and engineering plan together",
    "Modern stack with sane CI (deploys in minutes)",
    "Transparent salary bands",
    "On-call is paid and rare",
    "Small teams with real ownership",
    "Diverse interview panel, well prepared",
    "Profitable, not chasing the next round",
    "Remote-first with good written culture",
    "Clear career ladder up to principal",
)
WEAKNESSES = (
    "Legacy monolith nobody wants to own",
    "Slow hiring process, many rounds",
    "Office attendance rules keep changing",
    "Below-market base salary",
    "Heavy meeting culture",
    "Unclear product direction after the reorg",
    "Small data team, lots of ad-hoc requests",
    "Tooling is home-grown and poorly documented",
    "Equity is illiquid and hard to value",
    "Manager spans of 12+ people",
    "Release cycle tied to quarterly trains",
)
RED_FLAGS = (
    "Interviewer badmouthed the previous team",
    "Could not say why the role is open",
    "Three CTOs in two years",
    "Asked for unpaid take-home of two full days",
    "On-call every other week, unpaid",
    "Vague answer about layoffs last year",
    "Expected answers to recruiter messages on weekends",
    "Salary band only revealed after the final round",
)
COMPANY_NOTES = (
    "Heard about them at {event}.",
    "A former colleague works in their platform team.",
    "Glassdoor reviews are mixed; engineering reviews better than sales.",
    "Series B last year; growing the Berlin office.",
    "Public company; stable but slow.",
    "They use the same stack as my current team.",
    "Recruiter reached out twice before I said yes.",
)
EVENTS = (
    "PyCon DE", "the Berlin Go meetup", "KubeCon EU", "DevOpsDays Amsterdam", "a hackathon", "FOSDEM",
    "a conference dinner", "a Rust meetup", "JSConf", "a women-in-tech breakfast", "an alumni evening",
)

# --- roles ------------------------------------------------------------------------------------

# title core, track
ROLES: tuple[tuple[str, str], ...] = (
    ("Backend Engineer", "backend"), ("Software Engineer", "backend"), ("Python Developer", "backend"),
    ("Go Engineer", "backend"), ("Platform Engineer", "infra"), ("Site Reliability Engineer", "infra"),
    ("DevOps Engineer", "infra"), ("Full-Stack Engineer", "web"), ("Frontend Engineer", "web"),
    ("Data Engineer", "data"), ("Machine Learning Engineer", "ml"), ("Security Engineer", "security"),
    ("Engineering Manager", "manager"), ("Tech Lead", "manager"),
)
# seniority label, title prefix, pay factor, weight
SENIORITIES: tuple[tuple[str, str, float, int], ...] = (
    ("Junior", "Junior", 0.62, 3),
    ("Mid-level", "", 0.82, 10),
    ("Senior", "Senior", 1.0, 45),
    ("Staff", "Staff", 1.25, 20),
    ("Lead", "Lead", 1.15, 12),
    ("Principal", "Principal", 1.45, 7),
)
TEAMS = (
    "Payments", "Platform", "Search", "Growth", "Data Platform", "Checkout", "Identity",
    "Developer Experience", "Mobile API", "Infrastructure", "Billing", "Core", "Risk", "Observability",
    "Recommendations", "Marketplace", "Onboarding", "Integrations",
)
TECH: dict[str, tuple[str, ...]] = {
    "backend": ("Python", "Django", "FastAPI", "PostgreSQL", "Redis", "Kafka", "Go", "gRPC", "Docker",
                "Kubernetes", "AWS", "Celery", "Java", "Kotlin"),
    "infra": ("Kubernetes", "Terraform", "AWS", "GCP", "Prometheus", "Grafana", "Go", "Linux", "Helm", "ArgoCD"),
    "web": ("TypeScript", "React", "Node.js", "Next.js", "GraphQL", "PostgreSQL", "Tailwind", "Playwright"),
    "data": ("Python", "Spark", "Airflow", "dbt", "Snowflake", "Kafka", "BigQuery", "PostgreSQL"),
    "ml": ("Python", "PyTorch", "MLflow", "Kubernetes", "Spark", "Ray", "FastAPI"),
    "security": ("Go", "Python", "AWS", "Vault", "OAuth", "Kubernetes", "SIEM"),
    "manager": ("Python", "Go", "Kubernetes", "AWS", "PostgreSQL", "TypeScript", "Kafka"),
}

# --- people -----------------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna", "Jonas", "Lena", "Lukas", "Sofia", "Mateo", "Emma", "Noah", "Mia", "Elias", "Zoë", "José",
    "Łukasz", "Søren", "Ángela", "Chloé", "Björn", "Aisha", "Ravi", "Priya", "Chen", "Mei", "Yuki",
    "Kenji", "Fatima", "Omar", "Ines", "Tomás", "Hannah", "Felix", "Clara", "Jakob", "Nina", "Leon",
    "Marta", "Pablo", "Olivia", "Liam", "Amara", "Kwame", "Sara", "David", "Elena", "Marco", "Giulia",
    "Henrik", "Freya", "Oskar", "Ida", "Mateusz", "Agnieszka", "Dmitri", "Irina", "Tariq", "Leila",
    "Samuel", "Grace", "Ethan", "Maya", "Arjun", "Ananya", "Hugo", "Camille", "Rui", "Beatriz",
)
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Novak", "García",
    "Martínez", "Rossi", "Bianchi", "Dubois", "Lefèvre", "Jansen", "de Vries", "Kowalski", "Nowak",
    "Andersson", "Johansson", "Nielsen", "Smith", "Jones", "Taylor", "Brown", "Wilson", "Patel",
    "Sharma", "Nguyen", "Kim", "Tanaka", "Sato", "Okafor", "Mensah", "Haddad", "Khan", "Silva",
    "Santos", "Costa", "O'Brien", "Murphy", "Walsh", "Ivanova", "Petrov", "Horvat", "Kovač", "Yilmaz",
    "Demir", "Cohen", "Levi", "Wagner", "Krüger", "Lindqvist", "Öztürk", "Fernández", "López",
)
# interview stage -> (contact role, relationship) options
STAGE_CONTACTS: dict[str, tuple[tuple[str, str], ...]] = {
    "recruiter screen": (("Technical Recruiter", "recruiter"), ("Talent Acquisition Partner", "recruiter"),
                         ("Head of Talent", "recruiter")),
    "technical": (("Senior Software Engineer", "interviewer"), ("Staff Engineer", "interviewer")),
    "coding": (("Software Engineer", "interviewer"), ("Senior Software Engineer", "interviewer")),
    "system design": (("Principal Engineer", "interviewer"), ("Software Architect", "interviewer")),
    "behavioral": (("Engineering Manager", "hiring manager"), ("Team Lead", "hiring manager")),
    "take-home": (("Senior Software Engineer", "interviewer"),),
    "onsite": (("Engineering Manager", "hiring manager"), ("Product Manager", "peer"), ("Staff Engineer", "interviewer")),
    "final": (("VP Engineering", "hiring manager"), ("CTO", "hiring manager"), ("Head of Engineering", "hiring manager")),
    "other": (("Product Manager", "peer"), ("Team Lead", "peer")),
}
OTHER_CONTACTS: tuple[tuple[str, str, str], ...] = (
    # role, relationship, how we met (for the first interaction)
    ("Staff Engineer", "former colleague", "Worked together at my previous job."),
    ("Engineering Manager", "mentor", "Met at {event}; offered to mentor me."),
    ("Senior Engineer", "referrer", "Met at {event}; offered a referral."),
    ("Developer Advocate", "meetup acquaintance", "Talked after a talk at {event}."),
    ("Freelance Recruiter", "recruiter", "Cold message on LinkedIn about a platform role."),
)
CONTACT_NOTES = (
    "Very open about salary bands.",
    "Knows everyone in the local Go community.",
    "Potential referrer for platform roles.",
    "Prefers messages to email.",
    "Wrote the blog post on their event-sourcing migration.",
    "Suggested I apply again next year.",
    "Has a side project on Kubernetes operators; we swapped notes.",
)
# channel -> summaries
INTERACTIONS: dict[str, tuple[str, ...]] = {
    "email": ("Sent a thank-you note after the interview.", "Shared the article we talked about.",
              "Asked about the team's hiring plans for next year.", "Congratulated them on the new role."),
    "call": ("Caught up about their migration to Kubernetes.", "Talked through a referral for a friend."),
    "video": ("Virtual coffee: compared notes on staff-level expectations.",
              "Helped me prepare for a system design round."),
    "meeting": ("Coffee near their office; offered to refer me later.", "Lunch; they are hiring again in spring."),
    "message": ("LinkedIn message: thanks for the interview, let's stay in touch.",
                "Sent them a job post that matched their profile."),
    "event": ("Met again at {event}.", "Bumped into each other at {event}."),
    "other": ("Gave feedback on their conference talk draft.",),
}

# --- interviews -------------------------------------------------------------------------------

FEEDBACK_PASSED = (
    "Strong communication and a structured approach.",
    "Solid fundamentals; moved quickly through the exercise.",
    "The panel liked how you reasoned about trade-offs.",
    "Good culture add; the team was excited.",
    "Great system design discussion, especially on data consistency.",
    "Clean code and good tests; small gaps in complexity analysis.",
    "Hiring manager was impressed by the incident story.",
)
FEEDBACK_FAILED = (
    "Looking for deeper experience with distributed systems.",
    "Struggled with the concurrency part of the exercise.",
    "Went with a candidate with more Kubernetes experience.",
    "Solution worked but needed several hints.",
    "Not enough leadership examples for the staff level.",
    "Salary expectations above the band.",
    "Good candidate, but the team needed someone more frontend-heavy.",
)
DEBRIEFS_GOOD = (
    "Went better than expected; the interviewer was friendly.",
    "Good conversation about their architecture; they are splitting the monolith.",
    "Nailed the coding part, a bit vague on testing strategy.",
    "Enjoyed it; they asked about my on-call experience a lot.",
    "They seem to value writing; asked about design docs.",
)
DEBRIEFS_BAD = (
    "Froze on the locking question; revisit concurrency.",
    "Felt rushed; 45 minutes was too short for the exercise.",
    "Rambled on the conflict story; prepare a tighter STAR version.",
    "Did not know how Kubernetes services route traffic.",
    "Underestimated the scale numbers in the design round.",
)
PREP_NOTES = (
    "Re-read their engineering blog; prepare two STAR stories.",
    "Practise LRU cache and interval problems.",
    "Review their stack: {tech}.",
    "Prepare questions about on-call and team structure.",
    "Look up the interviewers on LinkedIn; one wrote about event sourcing.",
    "Revise consistency models and idempotency keys.",
)
CANCELLED_NOTES = (
    "Recruiter cancelled the morning of; rescheduled.",
    "Interviewer was ill; moved to the next week.",
    "Clashed with a production incident at work; asked to reschedule.",
)
NO_SHOW_NOTES = (
    "Interviewer did not join the call; waited 20 minutes, rescheduled.",
    "Wrong link in the invite, nobody showed up; recruiter apologised and rebooked.",
)
WITHDRAWN_NOTES = (
    "I withdrew before this round.",
    "Cancelled: I withdrew from the process the day before.",
)

# --- opportunities ----------------------------------------------------------------------------

CLOSE_REASONS: dict[str, tuple[str, ...]] = {
    "rejected": ("Rejected after the {stage} round.", "Rejected after the {stage}: {feedback}"),
    "rejected-cv": ("CV rejected without an interview.", "Automated rejection two days after applying."),
    "ghosted": ("No reply after the {stage}; followed up twice.", "Recruiter stopped answering after the {stage}."),
    "ghosted-cv": ("Applied, never heard back.", "Said yes to the recruiter, then silence."),
    "withdrawn": ("Withdrew: the team was too far from product work.", "Withdrew after another offer came in.",
                  "Withdrew: the role turned out to be mostly on-call."),
    "withdrawn-cv": ("Said yes, then withdrew before the first call: the commute would be too long.",),
    "declined-invite": ("Declined the invitation: not interested in adtech.",
                        "Declined: salary range well below my current package.",
                        "Declined: fully onsite, five days a week."),
    "accepted": ("Accepted the offer.", "Accepted after negotiating the base up."),
    "declined": ("Declined the offer: below my current package.", "Declined: the equity was not worth the risk.",
                 "Declined: stayed, after a raise at my current job."),
    "expired": ("Let the offer expire while another process finished.",),
    "rescinded": ("Offer rescinded after a hiring freeze.",),
}
OPPORTUNITY_NOTES = (
    "Recruiter said the band is flexible for the right person.",
    "Team of six; reports to the VP Engineering.",
    "They are rebuilding the {team} team after a reorg.",
    "Referral from a former colleague.",
    "Role was reposted twice in a year.",
    "Interview process: screen, technical, system design, final.",
)
JOB_DESCRIPTION = (
    "We are looking for a {title} to join our {team} team ({location}). You will design, build and run "
    "services used by millions of people, with {tech}. You care about clean code, good tests and calm "
    "on-call. You will work closely with product and design, mentor others and help shape our roadmap.\n\n"
    "What we offer: {benefits}."
)
BENEFITS = (
    "30 days holiday, learning budget of 1,500 a year",
    "Private health insurance, pension matched up to 5%",
    "Home-office budget, four-day-week pilot",
    "RSUs vesting over four years, one-year cliff",
    "Public transport ticket, gym membership, parental leave top-up",
    "401(k) match 4%, unlimited PTO (team average 24 days)",
)

# --- offers -----------------------------------------------------------------------------------

OFFER_NOTES = {
    "pending": ("Verbal offer first, written one the next day.", "Asked for a week to decide."),
    "negotiating": ("Countered for a higher base; they came back with a better package.",
                    "Negotiating remote days and the sign-on."),
    "accepted": ("Signed. Start date agreed with my notice period.",),
    "declined": ("Declined politely; kept in touch with the hiring manager.",),
    "expired": ("Let it expire; told the recruiter in advance.",),
    "rescinded": ("Hiring freeze announced a week after the offer.",),
}
REVISION_NOTES = (
    "First written offer, before my counter-offer.",
    "Figures before they matched the competing offer.",
    "Initial offer; countered on base and sign-on.",
)

# --- criteria ---------------------------------------------------------------------------------

# name, description, weight, active
CRITERIA: tuple[tuple[str, str, int, bool], ...] = (
    ("Engineering culture", "Code review, tests, blameless post-mortems; engineers have a say.", 5, True),
    ("Work-life balance", "Sustainable hours, sane on-call, holidays actually taken.", 5, True),
    ("Psychological safety", "People admit mistakes and ask questions without fear.", 5, True),
    ("Growth & learning", "Budget, time and senior people to learn from.", 4, True),
    ("Compensation", "Pays at or above market for the level, transparently.", 4, True),
    ("Management quality", "Managers who coach, give feedback and shield the team.", 4, True),
    ("Product impact", "My work reaches users; the product makes sense.", 3, True),
    ("Remote flexibility", "At least three days a week from home.", 3, True),
    ("Diversity & inclusion", "Diverse teams and leadership, not just a page on the website.", 3, True),
    ("Office perks", "Free lunch and a nice office: pleasant, but I stopped weighing it.", 1, False),
)
SCORE_NOTES = {
    "high": ("Clearly a strength here.", "Everyone I met said the same.", "Saw it in how the interview was run."),
    "low": ("Warning sign in the interviews.", "Evasive answers when I asked.", "Below what I have now."),
}

# --- skills and questions ---------------------------------------------------------------------

# name, category, target level, how well I answer questions on it (1-5, mean)
SKILLS: tuple[tuple[str, str, int, float], ...] = (
    ("Python", "Languages", 5, 4.1),
    ("Concurrency", "Fundamentals", 4, 2.2),
    ("PostgreSQL", "Data", 4, 3.8),
    ("Algorithms", "Fundamentals", 4, 2.9),
    ("Testing", "Practices", 5, 4.0),
    ("Kubernetes", "Infrastructure", 4, 2.4),
    ("Networking", "Infrastructure", 3, 2.7),
    ("Security", "Practices", 4, 2.6),
    ("Distributed systems", "Architecture", 4, 2.5),
    ("System design", "Architecture", 5, 3.0),
    ("Caching", "Architecture", 4, 3.3),
    ("Communication", "Soft skills", 5, 3.6),
    ("Leadership", "Soft skills", 4, 3.1),
    ("Salary negotiation", "Career", 4, 2.6),
    ("Go", "Languages", 4, 3.2),
    ("TypeScript", "Languages", 3, 3.4),
    ("Observability", "Infrastructure", 4, 3.0),
    ("AWS", "Infrastructure", 3, 3.2),
    ("Kafka", "Data", 3, 2.8),
    ("Docker", "Infrastructure", 4, 3.9),
    ("CI/CD", "Practices", 4, 3.7),
    ("Data modelling", "Data", 4, 3.4),
    ("Mentoring", "Soft skills", 4, 3.8),
    ("Public speaking", "Soft skills", 3, 2.8),
    ("Rust", "Languages", 3, 2.3),
    ("React", "Languages", 3, 3.1),
    ("Linux", "Infrastructure", 4, 3.6),
    ("Terraform", "Infrastructure", 3, 2.9),
    ("Product sense", "Career", 3, 3.2),
    ("Git", "Practices", 4, 4.2),
)
SKILL_ASPECTS = (
    "fundamentals", "performance", "debugging", "in production", "at scale", "security", "testing",
    "tooling", "internals", "patterns", "migrations", "teaching",
)

# topic -> (question kind, mean answer quality, questions)
QUESTIONS: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "Python": ("technical", 4.1, (
        "What is the GIL and when does it matter?",
        "Explain how generators differ from lists.",
        "How do decorators work under the hood?",
        "What happens when you mutate a default argument?",
        "How would you profile a slow Python service?",
        "Explain async/await in Python and when to use it.",
        "How does Python's garbage collection work?",
        "When would you not use a dataclass?",
        "How do you package and version a Python library?",
        "Protocols vs. abstract base classes: when do you use which?",
    )),
    "Concurrency": ("technical", 2.2, (
        "What is a race condition? Give an example from your work.",
        "Explain deadlock and how to prevent it.",
        "Mutex vs. semaphore: when do you use which?",
        "How would you make this counter thread-safe?",
        "What is the difference between concurrency and parallelism?",
        "How do you debug a heisenbug in a multithreaded program?",
        "Explain optimistic vs. pessimistic locking.",
        "How would you implement a bounded blocking queue?",
        "What does memory ordering mean in practice?",
    )),
    "PostgreSQL": ("technical", 3.8, (
        "How does an index speed up a query, and when does it not?",
        "Explain the transaction isolation levels.",
        "What is an N+1 query and how do you fix it?",
        "How would you find the slowest queries in production?",
        "Walk me through the EXPLAIN ANALYZE output of this query.",
        "When would you denormalise a schema?",
        "How do you run a zero-downtime migration on a large table?",
        "What is MVCC and what does VACUUM have to do with it?",
    )),
    "Algorithms": ("technical", 2.9, (
        "Find the k most frequent elements in a stream.",
        "Detect a cycle in a linked list.",
        "Merge overlapping intervals.",
        "Implement an LRU cache.",
        "Find the shortest path in a weighted grid.",
        "Serialise and deserialise a binary tree.",
        "Top-k with a heap vs. quickselect: trade-offs?",
        "Find the longest substring without repeating characters.",
        "Schedule meetings into the fewest rooms.",
        "Implement a trie with prefix search.",
    )),
    "Testing": ("technical", 4.0, (
        "How do you decide between a unit test and an integration test?",
        "What makes a test flaky, and how do you fix it?",
        "How do you test code that depends on the current time?",
        "Mocks vs. fakes: when do you use which?",
        "How would you bring tests into a legacy codebase?",
        "What is property-based testing good for?",
    )),
    "Kubernetes": ("technical", 2.4, (
        "What happens when you run kubectl apply?",
        "Explain liveness vs. readiness probes.",
        "How does a Service route traffic to pods?",
        "How would you debug a pod in CrashLoopBackOff?",
        "How do resource requests and limits affect scheduling?",
        "Rolling update vs. blue-green deployment on Kubernetes?",
    )),
    "Networking": ("technical", 2.7, (
        "What happens when you type a URL into the browser?",
        "TCP vs. UDP: when would you choose UDP?",
        "How does a TLS handshake work?",
        "What does HTTP/2 multiplexing solve?",
        "How does DNS resolution work, step by step?",
    )),
    "Security": ("technical", 2.6, (
        "How do you store passwords safely?",
        "Explain CSRF and how to prevent it.",
        "How do parameterised queries stop SQL injection?",
        "How would you design API authentication for mobile clients?",
        "Walk me through the OAuth 2.0 authorization code flow.",
    )),
    "Go": ("technical", 3.2, (
        "How do goroutines differ from OS threads?",
        "When do you use a buffered channel?",
        "How do you cancel work with context.Context?",
        "Explain Go interfaces and implicit implementation.",
    )),
    "Distributed systems": ("system design", 2.5, (
        "Explain consensus (Raft or Paxos) in simple terms.",
        "Explain the CAP theorem with a real example.",
        "How do you make an operation idempotent?",
        "Is exactly-once delivery possible?",
        "How would you handle a network partition between two data centres?",
        "Why and how do you elect a leader?",
        "How do you keep two services consistent without distributed transactions?",
    )),
    "System design": ("system design", 3.0, (
        "Design a URL shortener.",
        "Design a rate limiter.",
        "Design a notification service.",
        "Design a news feed.",
        "Design a chat application.",
        "Design a file-sync service.",
        "Design a ride-hailing dispatch system.",
        "Design a metrics and alerting pipeline.",
        "Design a payment ledger.",
        "Design a web crawler.",
        "Design a feature-flag service.",
        "Design a hotel booking system.",
    )),
    "Caching": ("system design", 3.3, (
        "Where would you add a cache, and how do you invalidate it?",
        "Cache-aside vs. write-through: trade-offs?",
        "How do you prevent a cache stampede?",
        "How do you cache personalised pages?",
    )),
    "Communication": ("behavioral", 3.6, (
        "Tell me about a time you disagreed with your manager.",
        "Describe a time you explained a technical decision to non-engineers.",
        "Tell me about a conflict in your team and how it was resolved.",
        "How do you give difficult feedback?",
    )),
    "Leadership": ("behavioral", 3.1, (
        "Tell me about a project you led end to end.",
        "How do you mentor junior engineers?",
        "Describe a time you influenced a decision without authority.",
        "Tell me about a decision you made with incomplete information.",
    )),
    "Failure & learning": ("behavioral", 3.3, (
        "Tell me about your biggest failure.",
        "Describe an outage you caused and what you learned.",
        "Tell me about a time you missed a deadline.",
    )),
    "Motivation": ("role", 3.9, (
        "Why do you want to leave your current job?",
        "Why this company?",
        "Where do you see yourself in three years?",
        "What kind of work energises you?",
        "Walk me through your CV.",
        "What would your first 90 days look like?",
    )),
    "Values & culture": ("culture", 3.7, (
        "What does a healthy engineering culture look like to you?",
        "How do you like to work with product managers?",
        "Remote, hybrid or office: what works best for you and why?",
        "What would make you leave a team?",
    )),
    "Salary negotiation": ("compensation", 2.6, (
        "What are your salary expectations?",
        "What is your current compensation?",
        "Would you accept a lower base for more equity?",
        "Do you have other offers?",
    )),
    "Questions I ask": ("mine", 0.0, (
        "What does on-call look like here?",
        "How do you measure engineering productivity?",
        "Why is this role open?",
        "How are decisions made when engineering and product disagree?",
        "What is the biggest piece of technical debt you carry?",
        "How much of the week goes into meetings?",
        "How are performance reviews and promotions decided?",
        "What would make this hire a success a year from now?",
        "What happened to the last person in this role?",
    )),
}
# interview stage -> question topics asked there
STAGE_TOPICS: dict[str, tuple[str, ...]] = {
    "recruiter screen": ("Motivation", "Salary negotiation", "Values & culture", "Questions I ask"),
    "technical": ("Python", "Concurrency", "PostgreSQL", "Testing", "Kubernetes", "Networking", "Security", "Go"),
    "coding": ("Algorithms", "Algorithms", "Python", "Concurrency", "Go"),
    "system design": ("System design", "System design", "Distributed systems", "Caching", "PostgreSQL"),
    "behavioral": ("Communication", "Leadership", "Failure & learning", "Values & culture"),
    "take-home": ("Testing", "Python", "Algorithms"),
    "onsite": ("System design", "Algorithms", "Communication", "Concurrency", "Distributed systems", "Questions I ask"),
    "final": ("Motivation", "Leadership", "Values & culture", "Salary negotiation", "Questions I ask"),
    "other": ("Values & culture", "Questions I ask", "Motivation"),
}
# how I answered, by quality band
MY_ANSWERS = {
    "low": ("Blanked, then guessed.", "Gave a textbook definition but no example.",
            "Started well, lost the thread on the follow-up.", "Said I would look it up."),
    "mid": ("Covered the basics; missed the edge cases.", "Gave an example from my current job, a bit long.",
            "Right idea, needed a hint on the details."),
    "high": ("Clear answer with a production example.", "Walked through trade-offs and they nodded along.",
             "Answered and drew the diagram without hints."),
}
# question kind -> how I should have answered
BETTER_ANSWERS: dict[str, tuple[str, ...]] = {
    "technical": ("Lead with a concrete example from production, then the general rule.",
                  "Explain it with the bank-transfer example; it makes locking obvious.",
                  "State the complexity first, then the trade-off against the simpler version.",
                  "Mention failure modes and how to observe them in production."),
    "system design": ("Start from requirements and rough numbers before drawing boxes.",
                      "Name the consistency trade-off explicitly and say which side I pick and why.",
                      "Walk through one request end to end, then scale the slowest part."),
    "behavioral": ("Use STAR: situation, task, action, result; two minutes at most.",
                   "Pick a story where I changed my mind, and say what I learned."),
    "role": ("Tie the answer to what this team builds, not to what I want to leave.",),
    "culture": ("Give one concrete example of a culture I thrived in and why.",),
    "compensation": ("Give a range anchored on market data, not on my current salary.",
                     "Ask for their band first; then answer with the top of it."),
}
