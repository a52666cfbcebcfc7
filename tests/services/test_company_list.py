"""The company list filtered by industry: in SQL, with the list's own search and order."""

from __future__ import annotations

from desktop_app.services import company_list, listing, records


def test_industries_and_the_industry_filter(database) -> None:
    ids = {}
    for name, industry, location in (("Zeta", "Fintech", "Berlin"), ("acme", "Fintech", "Paris"),
                                     ("Globex", "energy", "Berlin"), ("Initech", None, "Berlin"),
                                     ("Blank", "  ", None)):
        ids[name] = records.create("company", {"name": name, "industry": industry, "location": location}).primary_id
    records.create("opportunity", {"company": ids["Zeta"], "title": "SRE"})
    assert company_list.industries() == ["energy", "Fintech"]

    assert listing.list_ids("company", filters={"industry": "Fintech"}) == [ids["acme"], ids["Zeta"]]
    assert listing.list_ids("company", filters={"industry": "Fintech"}, descending=True) == [ids["Zeta"], ids["acme"]]
    assert listing.list_ids("company", search="berl", filters={"industry": "Fintech"}) == [ids["Zeta"]]
    assert listing.list_ids("company", sort="opportunities", descending=True,
                                filters={"industry": "Fintech"}) == [ids["Zeta"], ids["acme"]]
    assert listing.list_ids("company", filters={"industry": "fintech"}) == []  # the values shown, as stored
    assert listing.count("company", filters={"industry": "Fintech"}) == 2
