"""Event patterns: coverage of common news phrasings (issue #4).

Each sentence was written for this test (not taken from a gold file). A positive case names the
PLOVER type, the CAMEO root and the source/target countries it must produce; a negative case is a
similar sentence that must not produce that type (an air strike is not a labour strike).
"""
from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2024, 5, 14)  # publication date for the conftest `code` fixture


def _summary(events) -> list[tuple]:
    return [(e.plover_type, e.cameo_code, e.source_country, e.target_country, e.rule) for e in events]


# (sentence, PLOVER type, CAMEO root, source country, target country or None = not checked)
POSITIVE = [
    # ratifying / endorsing an accession bid -> SUPPORT (05)
    ("Turkey's parliament ratified Finland's application to join NATO on Tuesday.", "SUPPORT", "05", "TUR", "FIN"),
    ("The Croatian parliament ratified Montenegro's accession to the alliance.", "SUPPORT", "05", "HRV", "MNE"),
    ("Greece endorsed North Macedonia's membership bid.", "SUPPORT", "05", "GRC", "MKD"),
    # handing over wanted persons -> COOPERATE judicial (063)
    ("Colombia handed over three alleged drug traffickers to the United States on Friday.", "COOPERATE", "06", "COL", "USA"),
    ("Ecuador turned over a gang leader to Peruvian authorities.", "COOPERATE", "06", "ECU", "PER"),
    ("Spain transferred the fugitive to Italy last week.", "COOPERATE", "06", "ESP", "ITA"),
    # police / troops sent abroad on a mission -> AID protection (074)
    ("Rwanda deployed a contingent of 300 police officers to the Central African Republic.", "AID", "07", "RWA", "CAF"),
    ("Bangladesh sent 500 troops to South Sudan as part of the U.N. peacekeeping mission.", "AID", "07", "BGD", "SSD"),
    ("Russia dispatched soldiers to Kazakhstan to help restore order.", "AID", "07", "RUS", "KAZ"),
    # relief goods delivered, dropped, flown, handed over -> AID humanitarian (073)
    ("Jordanian planes airdropped food parcels over northern Gaza.", "AID", "07", "JOR", "PSE"),
    ("Egypt trucked 200 tonnes of flour into Gaza.", "AID", "07", "EGY", "PSE"),
    ("Japan delivered tents and blankets to earthquake survivors in Turkey.", "AID", "07", "JPN", "TUR"),
    ("Qatar flew medical supplies to Lebanon on Sunday.", "AID", "07", "QAT", "LBN"),
    ("Italian volunteers handed over two tons of medicine to Ukrainian hospitals.", "AID", "07", "ITA", "UKR"),
    # pulling back / withdrawing -> RETREAT (0874)
    ("Russian forces pulled back from the west bank of the Dnipro river.", "RETREAT", "08", "RUS", None),
    ("Armenian soldiers withdrew from three villages near the border.", "RETREAT", "08", "ARM", None),
    ("The Israeli army began pulling back from parts of the West Bank city of Jenin.", "RETREAT", "08", "ISR", None),
    # ordering envoys out, suspending members -> SANCTION (16)
    ("Mali's military government ordered the French envoy to leave within 72 hours.", "SANCTION", "16", "MLI", "FRA"),
    ("Burkina Faso gave the French ambassador 48 hours to leave the country.", "SANCTION", "16", "BFA", "FRA"),
    ("Moscow declared two Estonian diplomats persona non grata.", "SANCTION", "16", "RUS", None),
    ("The Arab League suspended Syria from its meetings.", "SANCTION", "16", None, "SYR"),
    # alert and readiness, troops ordered somewhere -> MOBILIZE (15)
    ("Kim Jong Un put North Korea's army on a war footing.", "MOBILIZE", "15", "PRK", None),
    ("Azerbaijan placed its troops on full combat readiness.", "MOBILIZE", "15", "AZE", None),
    ("Pakistan raised its forces to the highest state of alert.", "MOBILIZE", "15", "PAK", None),
    ("India rushed 5,000 additional troops to the Ladakh border.", "MOBILIZE", "15", "IND", None),
    ("The Pentagon ordered two aircraft carriers to the eastern Mediterranean.", "MOBILIZE", "15", "USA", None),
    ("China's army launched war games around Taiwan.", "MOBILIZE", "15", "CHN", "TWN"),
    # labour strikes -> PROTEST (143)
    ("Thousands of South Korean junior doctors walked off the job on Tuesday.", "PROTEST", "14", "KOR", None),
    ("Nigerian labour unions began an indefinite industrial action on Monday.", "PROTEST", "14", "NGA", None),
    ("Striking Greek dockworkers picketed the port of Piraeus as their union struck for higher pay.", "PROTEST", "14", "GRC", None),
    # arrest warrants -> THREATEN (PLOVER: an in-absentia arrest is a threat)
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin.", "THREATEN", "13", None, "RUS"),
    ("Argentina issued a warrant for the arrest of Iran's former defence minister.", "THREATEN", "13", "ARG", "IRN"),
    # accepting a formula, reaching an understanding -> AGREE (03)
    ("Ethiopia and Egypt reached an understanding on filling the dam.", "AGREE", "03", "ETH", "EGY"),
    ("Serbia accepted the European roadmap for normalising relations with Kosovo.", "AGREE", "03", "SRB", None),
    ("Armenia and Azerbaijan reached common ground on border demarcation.", "AGREE", "03", "ARM", "AZE"),
    # joint war games -> COOPERATE military (062)
    ("Indian and French naval vessels began joint war games in the Arabian Sea.", "COOPERATE", "06", "IND", "FRA"),
    ("Chinese and Pakistani jets launched war games near the border.", "COOPERATE", "06", "CHN", "PAK"),
    # allowing entry / return of aid, inspectors, monitors; receiving observers -> RETREAT access (086x)
    ("Israel allowed the entry of aid trucks into Gaza.", "RETREAT", "08", "ISR", None),
    ("Iran let IAEA inspectors return to the Fordow site.", "RETREAT", "08", "IRN", None),
    ("North Korea permitted U.N. monitors to enter the facility.", "RETREAT", "08", "PRK", None),
    ("Venezuela received a team of EU election observers.", "RETREAT", "08", "VEN", None),
    ("Uganda hosted a team of African Union observers for the vote.", "RETREAT", "08", "UGA", None),
    # ... announced -> intent (AGREE)
    ("Lebanon will allow displaced Syrians to return to their homes.", "AGREE", "03", "LBN", None),
    # cancelling / relaxing restrictions and curfews -> CONCEDE (081x)
    ("Kazakhstan's government abolished restrictions on foreign media.", "CONCEDE", "08", "KAZ", None),
    ("Sri Lanka relaxed the curfew in Colombo.", "CONCEDE", "08", "LKA", None),
    ("China eased travel curbs on Hong Kong residents.", "CONCEDE", "08", "CHN", None),
    ("Egypt's government cancelled the nightly curfew in Sinai.", "CONCEDE", "08", "EGY", None),
    ("The Jordanian government shortened the curfew in Amman by two hours.", "CONCEDE", "08", "JOR", None),
    # hearings into -> INVESTIGATE (PLOVER ACCUSE 'investigate')
    ("Brazil's Senate opened a hearing into the army's role in the riots.", "ACCUSE", "09", "BRA", None),
    ("Chile's Supreme Court convened a hearing into the torture of detainees.", "ACCUSE", "09", "CHL", None),
    # labour strikes: "on strike", and the bare noun, whose default sense is the labour strike (143)
    ("Hundreds of Bolivian tin miners were on strike in Oruro on Monday.", "PROTEST", "14", None, None),
    ("The six-week strike at the Peruvian copper mine ended on Friday.", "PROTEST", "14", None, None),
    ("Israeli jets carried out a strike on Hamas positions in Gaza.", "ASSAULT", "19", "ISR", None),
    # opposing -> REJECT (12)
    ("Poland opposes the European Commission's plan to relocate migrants.", "REJECT", "12", "POL", None),
    ("Hungary opposed the new budget rules of the European Union.", "REJECT", "12", "HUN", None),
    # legal complaints: appealing a ruling, petitioning a court -> ACCUSE 115; "took exception to" -> 111
    ("The Kenyan opposition appealed the ruling of the High Court.", "ACCUSE", "11", "KEN", None),
    ("Pakistan's bar council petitioned the Supreme Court over the dismissals.", "ACCUSE", "11", "PAK", None),
    ("Turkey took exception to the Greek naval exercises in the Aegean.", "ACCUSE", "11", "TUR", None),
    # reaching an agreement -> AGREE (PLOVER), code 057
    ("Sudan and South Sudan reached an agreement on oil transit fees.", "AGREE", "05", "SDN", "SSD"),
    # in touch / in contact with -> CONSULT (040)
    ("The Nigerian minister had been in touch with Ghanaian officials recently.", "CONSULT", "04", "NGA", "GHA"),
    # labour demands: workers want / seek a pay rise -> REQUEST (100)
    ("Spanish railway workers want pay rises of seven to eight pct.", "REQUEST", "10", "ESP", None),
    ("French nurses are seeking a pay increase of ten pct.", "REQUEST", "10", "FRA", None),
    # court injunctions and restraining orders -> COERCE (172)
    ("A U.S. federal judge granted an injunction preventing the city of Chicago from closing the airport.",
     "COERCE", "17", "USA", None),
    ("A Canadian court issued a temporary restraining order against the Quebec government on Friday.",
     "COERCE", "17", "CAN", None),
]


@pytest.mark.parametrize("text, ptype, root, src, tgt", POSITIVE, ids=[p[0][:40] for p in POSITIVE])
def test_pattern_coverage_codes_the_frame(code, text, ptype, root, src, tgt):
    events = code(text)
    hits = [e for e in events if e.plover_type == ptype and e.cameo_code.startswith(root)]
    assert hits, _summary(events)
    if src is not None:
        assert any(e.source_country == src for e in hits), _summary(events)
    if tgt is not None:
        assert any(e.target_country == tgt for e in hits), _summary(events)


# (sentence, PLOVER type that must NOT be produced)
NEGATIVE = [
    ("Russian missiles struck a power plant in Kharkiv.", "PROTEST"),           # air strike, not a labour strike
    ("Israeli jets will strike Hezbollah positions in Lebanon.", "PROTEST"),
    ("The Greek minister walked off the stage after the speech.", "PROTEST"),   # walking off a stage
    ("Turkish rescuers pulled survivors from the rubble.", "RETREAT"),          # pulling people out is no retreat
    ("Ukrainian soldiers dropped grenades on Russian trenches.", "AID"),        # dropping weapons is no aid
    ("Israel handed over the bodies of two soldiers to Hamas.", "COOPERATE"),   # a return of bodies (RETREAT), not justice
    ("French police sent officers to the stadium in Paris.", "AID"),            # domestic deployment
    ("Jordan sent soldiers to the border with Syria.", "AID"),                  # troops to a border: force posture
    ("The Sudanese president ordered the army to withdraw from the capital.", "MOBILIZE"),
    ("A German court issued a search warrant for the offices of a Chinese company.", "THREATEN"),
    ("Egypt raised fuel prices to the highest level in a decade.", "MOBILIZE"),
    ("The Iranian foreign minister asked the British ambassador to attend a meeting.", "SANCTION"),
    ("The United Nations sent 21 civilian personnel to Bosnia to study the situation.", "MOBILIZE"),
    ("A U.S. drone strike killed three militants in Somalia.", "PROTEST"),       # a military strike
    ("Pope Francis appealed for calm in Kenya.", "ACCUSE"),                     # an appeal for calm, not in court
    ("Chile's president asked the French ambassador for support.", "ACCUSE"),   # asking a person, not a court
    ("The decision, requested by the French president, was announced on Friday.", "ACCUSE"),  # no appeal of a decision
    ("The Greek minister took the issue to the European Council.", "ACCUSE"),   # "took the issue to", not "took issue with"
    ("The German government wants a rise in interest rates of one pct.", "REQUEST"),  # a rise, but no pay demand
    ("Spanish railway workers want to finish the line by June.", "REQUEST"),    # wanting to act, no demand
    ("The Kenyan president issued an order to release the prisoners.", "COERCE"),  # an order, no court order
]


@pytest.mark.parametrize("text, ptype", NEGATIVE, ids=[n[0][:40] for n in NEGATIVE])
def test_pattern_coverage_similar_sentence_is_not_the_frame(code, text, ptype):
    events = code(text)
    assert not any(e.plover_type == ptype for e in events), _summary(events)


def test_pattern_coverage_negative_pairs_have_a_positive_twin(code):
    """The negatives are near misses, not sentences that code nothing: their positive twins fire."""
    assert any(e.plover_type == "PROTEST" for e in code("Greek dock workers will strike at three ports on Monday."))
    assert any(e.plover_type == "AID" for e in code("Qatar dropped food parcels into southern Gaza."))
    assert any(e.plover_type == "MOBILIZE" for e in code("The Sudanese president ordered troops to the capital."))
