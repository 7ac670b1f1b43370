"""The authorities gazetteer at full breadth: councils, police, fire, NHS, devolved bodies, and who a letter is from
when several bodies are named, in letters built the way these bodies write them."""
from __future__ import annotations

import pytest

from pipeline.normalise.authorities import (
    authorities,
    canonical_authority,
    find_authority,
    find_mentions,
)

BY_NAME = {a.name: a for a in authorities()}


@pytest.mark.parametrize("written, canonical", [
    # councils, in the short forms letters and requesters use
    ("Birmingham CC", "Birmingham City Council"),
    ("Leeds Council", "Leeds City Council"),
    ("LB Camden", "London Borough of Camden"),
    ("RBKC", "Royal Borough of Kensington and Chelsea"),
    ("Barnsley MBC", "Barnsley Metropolitan Borough Council"),
    ("King's Lynn & West Norfolk Borough Council", "Borough Council of King's Lynn and West Norfolk"),
    ("foi@eastriding.gov.uk", "East Riding of Yorkshire Council"),
    ("Western Isles Council", "Comhairle nan Eilean Siar"),
    ("The Highland Council", "The Highland Council"),
    ("Highland Council", "The Highland Council"),
    ("Armagh City, Banbridge and Craigavon Borough Council", "Armagh City, Banbridge and Craigavon Borough Council"),
    ("BCP Council", "Bournemouth, Christchurch and Poole Council"),
    # Welsh-language names
    ("Cyngor Sir Ceredigion", "Ceredigion County Council"),
    ("Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr", "Bridgend County Borough Council"),
    ("Cyngor Sir Ynys Môn", "Isle of Anglesey County Council"),
    ("Heddlu De Cymru", "South Wales Police"),
    ("Bwrdd Iechyd Prifysgol Betsi Cadwaladr", "Betsi Cadwaladr University Health Board"),
    # police, crime commissioners, fire
    ("Met Police", "Metropolitan Police Service"),
    ("Kent PCC", "Police and Crime Commissioner for Kent"),
    ("Office of the Police and Crime Commissioner for Thames Valley", "Police and Crime Commissioner for Thames Valley"),
    ("Essex Police, Fire and Crime Commissioner", "Essex Police, Fire and Crime Commissioner"),
    ("Greater Manchester Fire & Rescue Service", "Greater Manchester Fire and Rescue Service"),
    ("foi@firescotland.gov.uk", "Scottish Fire and Rescue Service"),
    # NHS across the four nations
    ("NHS Kent and Medway ICB", "NHS Kent and Medway Integrated Care Board"),
    ("NHS England and NHS Improvement", "NHS England"),
    ("foi@setrust.hscni.net", "South Eastern Health and Social Care Trust"),
    ("ESNEFT", "East Suffolk and North Essex NHS Foundation Trust"),
    ("Welsh Ambulance Services NHS Trust", "Welsh Ambulance Services University NHS Trust"),
    # devolved and central bodies
    ("COPFS", "Crown Office and Procurator Fiscal Service"),
    ("DAERA", "Department of Agriculture, Environment and Rural Affairs"),
    ("www.historicengland.org.uk", "Historic England"),
    ("Scottish Natural Heritage", "NatureScot"),
    ("University of Bristol", "University of Bristol"),
])
def test_canonical_names_of_the_wider_gazetteer(written, canonical):
    assert canonical_authority(written) == canonical


def test_every_successor_is_a_gazetteer_body():
    names = set(BY_NAME)
    assert [(a.name, s) for a in authorities() for s in a.successors if s not in names] == []


@pytest.mark.parametrize("old, successors", [
    ("Aylesbury Vale District Council", ("Buckinghamshire Council",)),
    ("Weymouth and Portland Borough Council", ("Dorset Council",)),
    ("Harrogate Borough Council", ("North Yorkshire Council",)),
    ("Taunton Deane Borough Council", ("Somerset West and Taunton Council",)),
    ("Somerset West and Taunton Council", ("Somerset Council",)),
    ("Cumbria County Council", ("Cumberland Council", "Westmorland and Furness Council")),
    ("Northamptonshire County Council", ("North Northamptonshire Council", "West Northamptonshire Council")),
])
def test_abolished_councils_keep_their_name_and_record_what_replaced_them(old, successors):
    assert canonical_authority(old) == old
    assert BY_NAME[old].successors == successors
    assert BY_NAME[old].successor == successors[0]


def test_renamed_councils_are_one_body():
    # Somerset County Council became Somerset Council; Shepway was renamed Folkestone and Hythe.
    assert canonical_authority("Somerset County Council") == "Somerset Council"
    assert canonical_authority("Shepway District Council") == "Folkestone and Hythe District Council"


SHARED_DOMAINS = {"gov.uk", "nhs.uk", "nhs.net", "police.uk", "ac.uk", "scot.nhs.uk", "hscni.net", "nhs.wales",
                  "wales.nhs.uk", "org.uk", "co.uk"}


def test_no_body_claims_a_shared_domain():
    assert [(a.name, d) for a in authorities() for d in a.domains if d in SHARED_DOMAINS] == []


@pytest.mark.parametrize("address, authority", [
    ("foi@carmarthenshire.gov.wales", "Carmarthenshire County Council"),
    ("foi@gwynedd.llyw.cymru", "Gwynedd Council"),
    ("foi@gov.wales", "Welsh Government"),
    ("www.gov.scot", "Scottish Government"),
    ("www.transport.gov.scot", "Transport Scotland"),
    ("foi@unknownbody.gov.wales", None),
    ("foi@unknownbody.gov.scot", None),
    ("mail.leeds.gov.uk", "Leeds City Council"),
])
def test_sub_domains_of_the_devolved_zones_are_not_the_government(address, authority):
    assert canonical_authority(address) == authority


def mentioned(text: str) -> list[str]:
    return [m.authority for m in find_mentions(text)]


def test_longest_name_wins_where_names_share_words():
    assert mentioned("Newcastle-under-Lyme Borough Council") == ["Newcastle-under-Lyme Borough Council"]
    assert mentioned("Newcastle-under-Lyme Council") == ["Newcastle-under-Lyme Borough Council"]
    assert mentioned("Newcastle City Council") == ["Newcastle City Council"]
    assert mentioned("County Durham and Darlington NHS Foundation Trust") == ["County Durham and Darlington NHS Foundation Trust"]
    assert mentioned("County Durham and Darlington Fire and Rescue Service") == [
        "County Durham and Darlington Fire and Rescue Service"]
    assert mentioned("Birmingham City University and Birmingham City Council") == [
        "Birmingham City University", "Birmingham City Council"]
    assert mentioned("Newcastle, Durham and Westminster; the Palace of Westminster") == []


def test_names_need_a_capital_letter_in_running_text():
    assert mentioned("after reading council papers and the home office at home") == []
    assert mentioned("Reading Borough Council; READING BOROUGH COUNCIL; Reading Council") == ["Reading Borough Council"] * 3


LETTER = """{head}
Our ref: FOI/2023/0412
Dear Mr Jones,
Freedom of Information Act 2000 - Request for Information
Thank you for your request received on 3 March 2023. {body}
If you are dissatisfied with the handling of your request you may ask for an internal review. If you remain
unhappy you may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow,
Cheshire SK9 5AF, www.ico.org.uk.
Yours sincerely,
{signature}
"""


@pytest.mark.parametrize("head, body, signature, sender", [
    # a district redirects to the city of nearly the same name
    ("Newcastle-under-Lyme Borough Council\nCastle House, Barracks Road, Newcastle-under-Lyme ST5 1BL",
     "The Council does not hold this information. Newcastle City Council may hold it; please write to Newcastle City Council.",
     "Information Governance Officer", "Newcastle-under-Lyme Borough Council"),
    # the county council and the force of the same county
    ("Durham County Council\nCounty Hall, Durham DH1 5UL",
     "Durham Constabulary holds records of reported incidents; Durham Constabulary can be contacted at foi@durham.police.uk.",
     "Information Governance Team\nDurham County Council", "Durham County Council"),
    ("Durham Constabulary\nAykley Heads, Durham DH1 5TT",
     "Road closures are a matter for Durham County Council (www.durham.gov.uk).",
     "Freedom of Information Unit", "Durham Constabulary"),
    # a university and the city council of its city
    ("University of Bristol\nSenate House, Tyndall Avenue, Bristol BS8 1TH",
     "Planning records are held by Bristol City Council; Bristol City Council publishes them at www.bristol.gov.uk.",
     "Information Rights Officer\nUniversity of Bristol", "University of Bristol"),
    # a crime commissioner's office, whose letters name its force throughout
    ("Office of the Police and Crime Commissioner for Sussex",
     "Sussex Police holds the operational data. Sussex Police publishes it quarterly; ask Sussex Police for more.",
     "Sussex Police and Crime Commissioner", "Police and Crime Commissioner for Sussex"),
    # a fire service naming the police force it works with
    ("Greater Manchester Fire and Rescue Service\n146 Bolton Road, Swinton M27 8US",
     "Greater Manchester Police attended 12 of these incidents.",
     "Information Governance\nGMFRS", "Greater Manchester Fire and Rescue Service"),
    # a bilingual Welsh letterhead
    ("Cyngor Sir Ceredigion\nCeredigion County Council\nCanolfan Rheidol, Aberystwyth SY23 3UE",
     "Hywel Dda University Health Board may hold health data.", "Swyddog Rhyddid Gwybodaeth", "Ceredigion County Council"),
    # a Parliament letter with Westminster in its address
    ("House of Commons\nLondon SW1A 0AA",
     "The Palace of Westminster is managed jointly; Westminster City Council is the planning authority.",
     "Freedom of Information Officer\nHouse of Commons", "House of Commons"),
    # a Northern Ireland trust known only by its e-mail address
    ("Email: foi@setrust.hscni.net",
     "The Department of Health (Northern Ireland) publishes waiting times.", "Information Governance", "South Eastern Health and Social Care Trust"),
])
def test_the_sender_among_bodies_named_in_passing(head, body, signature, sender):
    assert find_authority(LETTER.format(head=head, body=body, signature=signature)) == sender


def test_the_council_a_letter_calls_itself_decides_between_bodies_named_equally():
    # No name in the letterhead (a logo) nor in the signature: the body names the police first, but the
    # letter calls itself "the Council".
    text = LETTER.format(
        head="Civic Centre\nMaidstone ME14 1XQ",
        body=("Kent Police may hold crime figures. The Council holds records of licences issued by Kent County Council "
              "Trading Standards. The Council has searched its records."),
        signature="Information Access Officer",
    )
    assert find_authority(text) == "Kent County Council"
    # The same letter calling itself "the Force" is the police.
    assert find_authority(text.replace("The Council", "The Force")) == "Kent Police"


def test_the_department_of_a_longer_name_is_not_a_self_reference():
    text = LETTER.format(
        head="Civic Centre", signature="Information Officer",
        body=("Kent Police holds the figures. The Department of Health and the Department for Education publish others. "
              "Kent County Council's figures follow."),
    )
    # Nothing boosts the councils: the first named, with equal weight, stays first.
    assert find_authority(text) == "Kent Police"


def test_appeal_bodies_in_a_reply_without_a_salutation_are_not_the_sender():
    # An e-mail reply: no "Dear", so the whole short text counts as its head, complaint paragraph included.
    text = ("Our reference: FOI 4411\n"
            "Please find attached the information you requested. If you are not satisfied with this response you may "
            "complain to the Information Commissioner's Office, www.ico.org.uk.\n"
            "Kind regards\nInformation Governance\nLeeds City Council")
    assert find_authority(text) == "Leeds City Council"


def test_an_ombudsman_in_the_complaints_paragraph_is_not_the_sender():
    text = LETTER.format(
        head="", body="We hold the information and it is enclosed. If you remain unhappy with the Council's service "
                        "you can contact the Local Government and Social Care Ombudsman at www.lgo.org.uk.",
        signature="Customer Services\nNowhere District Council")
    assert find_authority(text) == "Nowhere District Council"


def test_an_ombudsman_writing_its_own_letter_is_the_sender():
    text = ("Scottish Public Services Ombudsman\nBridgeside House, 99 McDonald Road, Edinburgh EH7 4NS\n"
            "Dear Ms Brown\nWe have considered your information request.\nYours sincerely\nInformation Officer")
    assert find_authority(text) == "Scottish Public Services Ombudsman"


def test_an_abolished_council_named_in_an_old_letter_is_kept():
    text = LETTER.format(head="Aylesbury Vale District Council\nThe Gateway, Gatehouse Road, Aylesbury HP19 8FF",
                         body="The Council holds 14 records.", signature="Information Officer")
    assert find_authority(text) == "Aylesbury Vale District Council"


@pytest.mark.parametrize("name", [
    "Borsetshire Unitary Authority", "Felpersham Fire and Rescue Authority", "Ambridge Multi Academy Trust",
    "University of Borchester", "London Borough of Ambridge", "Department for Rural Felpersham Affairs",
    "Borsetshire National Park Authority",
])
def test_an_authority_missing_from_the_list_is_kept_as_its_letterhead_writes_it(name):
    letter = f"{name}\nCounty Hall, Felpersham\n\nDear Ms Smith,\n\nThank you for your request.\n\nYours sincerely\n\nInformation Officer"
    assert find_authority(letter) == name
