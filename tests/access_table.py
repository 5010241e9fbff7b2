"""Who may use which route: the access policy, written down once, by hand.

Each row is a request (method, endpoint, fixed URL values, which record) and
the status each principal gets, in the order of ``WHO``. ``L`` is the login
page (302 to /login?next=...). Never compute a row from the code: a route
opened to one more role must make its row fail.

Records (URL values from ``access_world``): ``-`` none; ``A`` station A's case
(and its transfer, reminder, attachment), user, policy and topic; ``report``
station A's report; ``B`` station B's; ``B+A`` B's case with A's transfer,
reminder and attachment ids, ``A+B`` the other way round; ``A-pw`` and ``B-pw``
the station's request for a new password of its deputy head (the ``A``/``B``
records carry a request to grant a_target/b_target the inspector role, both
asked by the station's admin). Case A is assigned
to clerk_assigned and the report to the inspector; the clerk registered both.
The report has a head's identity request (``disclosure_id``) waiting for the inspector,
and the inspector's referral to the discipline commission (``referral_id``) waiting for the
head. No principal of ``WHO`` is a county-level inspector (tests/confidential/test_county.py).
Every case is replied by letter, so ``accept`` and ``close`` are illegal moves
there (409).

The last column, ``kiosk``, is not a person: it is a browser of station A that a clerk
turned into the reception kiosk (a device grant, station/devices/). ``K`` is the access
layer's way to the kiosk's own page (302 to /reception/signin): a device gets it from
every page not declared for its kind, so the kiosk reaches no staff page. It was added to
every row at once, mechanically: ``K`` where anonymous gets ``L`` (a page for persons),
else what anonymous gets (public pages, 405 for a method a route does not take).
The reporting-line log's: ``A``/``B`` carry a call of each station (``call_id``).
Reception day's records: ``A``/``B`` carry a visitor of each station signed in on
``RECEPTION_DAY`` (whose host in A is clerk_assigned) and a spare kiosk device to revoke.
Key persons: ``A``/``B`` carry a key person of each station (``person_id``), visited once.
"""

from dataclasses import dataclass, field

L = "L"
K = "K"
WHO = {  # column -> username ("" for no one logged in)
    "anon": "",
    "reg": "clerk",  # registered case A and the report
    "asg": "clerk_assigned",  # case A's assignee
    "oth": "clerk_other",
    "head": "head",
    "insp": "inspector",
    "adm": "admin",
    "bclk": "b_clerk",  # registered case B, its assignee
    "bhd": "b_head",
    "binsp": "b_inspector",
    "badm": "b_admin",
    "cnty": "county",
    "root": "root_admin",  # an admin of the installation, no station
    "kiosk": "",  # station A's reception kiosk: a device (access_world.principal_client)
}


@dataclass(frozen=True)
class Row:
    method: str
    endpoint: str
    record: str
    statuses: str
    args: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)

    def expected(self) -> dict[str, int | str]:
        codes = self.statuses.split()
        assert len(codes) == len(WHO), self
        return {who: c if c in (L, K) else int(c) for who, c in zip(WHO, codes, strict=True)}


def _case_rows(method: str, endpoint: str, a: str, rep: str, b: str, **extra) -> list[Row]:
    return [
        Row(method, endpoint, "A", a, **extra),
        Row(method, endpoint, "report", rep, **extra),
        Row(method, endpoint, "B", b, **extra),
    ]


# Reading a case: its station's clerks, head and inspector; a report only head and inspector.
#        anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
READ_A = "L   200 200 200 200  200  403 404  404 404   403  403  403  K"
READ_R = "L   404 404 404 200  200  403 404  404 404   403  403  403  K"
READ_B = "L   404 404 404 404  404  403 200  200 200   403  403  403  K"
MIXED = "L   404 404 404 404  404  403 404  404 404   403  403  403  K"
# Pages of no record.
CASE_STAFF = "L   200 200 200 200  200  403 200  200 200   403  403  403  K"
ANYONE = "L   200 200 200 200  200  200 200  200 200   200  200  200  K"
PUBLIC = "200 200 200 200 200  200  200 200  200 200   200  200  200  200"
LOGGED_IN_AWAY = "200 302 302 302 302  302  302 302  302 302   302  302  302  200"
ADMINS = "L   403 403 403 403  403  200 403  403 403   200  403  200  K"
ADMINS_A = "L   403 403 403 403  403  200 403  403 403   404  403  200  K"
ADMINS_B = "L   403 403 403 403  403  404 403  403 403   200  403  200  K"
HEADS_ADMINS = "L   403 403 403 200  403  200 403  200 403   200  403  200  K"
NEW_TOPIC = "L   403 403 403 403  403  400 403  403 403   400  403  200  K"
INSPECTORS = "L   403 403 403 403  200  403 403  403 200   403  403  403  K"
NOBODY = "L   403 403 403 403  403  403 403  403 403   403  403  403  K"
ROOT_ONLY = "L   403 403 403 403  403  403 403  403 403   403  403  200  K"
BOX_SETTINGS = "L   403 403 403 200  403  200 403  200 403   200  403  403  K"
BOX_A = "L   200 200 200 200  403  403 404  404 403   403  403  403  K"
BOX_B = "L   404 404 404 404  403  403 200  200 403   403  403  403  K"
# A station's admin sets their station's contact; the installation's admin goes to the list.
OWN_STATION = "L   403 403 403 403  403  200 403  403 403   200  403  302  K"
OWN_STATION_SAVED = "L   403 403 403 403  403  303 403  403 403   303  403  302  K"
# The second person: a station's heads and inspectors, never an admin (see CHANGING).
DECIDERS = "L   403 403 403 200  200  403 403  200 200   403  403  403  K"
APPROVE_A = "L   403 403 403 200  303  403 403  404 404   403  403  403  K"
APPROVE_B = "L   403 403 403 404  404  403 403  200 303   403  403  403  K"
REFUSE_A = "L   403 403 403 303  303  403 403  404 404   403  403  403  K"
REFUSE_B = "L   403 403 403 404  404  403 403  303 303   403  403  403  K"
# Reception day (``ON_DAY``: RECEPTION_DAY of access_world, when A's visitor signed in).
#             anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
RECEPTION = "L   200 200 200 200  403  403 200  200 403   403  403  403  K"
HEADS = "L   403 403 403 200  403  403 403  200 403   403  403  403  K"
SIGN_IN = "L   200 200 200 200  403  403 200  200 403   403  403  403  200"
# A page of station B's past that station A does not have (the monthly summary).
BEFORE_A_BEGAN = "L   404 404 404 404  404  403 200  200 200   403  403  403  K"
COUNTY_ONLY = "L   403 403 403 403  403  403 403  403 403   403  200  403  K"
# The county's import: its users and the installation's admin, never a station's admin.
IMPORTERS = "L   403 403 403 403  403  403 403  403 403   403  200  200  K"
KIOSK_ONLY = "L   403 403 403 403  403  403 403  403 403   403  403  403  200"
DECIDE_A = "L   403 200 403 200  403  403 404  404 403   403  403  403  K"
DECIDE_B = "L   404 404 404 404  403  403 403  200 403   403  403  403  K"
ON_DAY = {"day": "2026-11-30"}
SUBMITTED = {"month": "2025-11"}  # access_world.SUBMITTED_MONTH
# Submitting B's month: B's head; A's head is told A has no case then.
SUBMIT_B = "L   403 403 403 404  403  403 403  200 403   403  403  403  K"
# The reporting-line log's recorders: the station's clerks and heads, not its inspectors.
HOTLINE_RECORD = "L   400 400 400 400  403  403 400  400 403   403  403  403  K"
HOTLINE_DISPOSE_A = "L   400 400 400 400  403  403 404  404 403   403  403  403  K"
HOTLINE_DISPOSE_B = "L   404 404 404 404  403  403 400  400 403   403  403  403  K"
DECIDERS_HEADS_A = "L   403 403 403 303  403  403 403  404 403   403  403  403  K"
DECIDERS_HEADS_B = "L   403 403 403 404  403  403 403  303 403   403  403  403  K"
# Key persons: the station's clerks and heads; the interval its heads only.
#          anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
PEOPLE = "L   200 200 200 200  403  403 200  200 403   403  403  403  K"
PEOPLE_A = "L   200 200 200 200  403  403 404  404 403   403  403  403  K"
PEOPLE_B = "L   404 404 404 404  403  403 200  200 403   403  403  403  K"
INTERVAL_A = "L   403 403 403 400  403  403 403  404 403   403  403  403  K"
INTERVAL_B = "L   403 403 403 404  403  403 403  400 403   403  403  403  K"


def _admin_rows(method: str, endpoint: str, ok: str, **extra) -> list[Row]:
    """A row per station's record, ``ok`` the status where the admin reaches it."""
    return [
        Row(method, endpoint, "A", ADMINS_A.replace("200", ok), **extra),
        Row(method, endpoint, "B", ADMINS_B.replace("200", ok), **extra),
    ]


CASE_GETS = [
    "cases.show",
    "cases.print_file",
    "cases.reply_letter",
    "intake.receipt",
]
SUB_ID_GETS = ["cases.transfer_slip", "cases.reminder", "attachments.download"]

ROWS: list[Row] = [
    *(row for e in CASE_GETS for row in _case_rows("GET", e, READ_A, READ_R, READ_B)),
    *(row for e in SUB_ID_GETS for row in _case_rows("GET", e, READ_A, READ_R, READ_B)),
    *(Row("GET", e, "B+A", MIXED) for e in SUB_ID_GETS),
    *(Row("GET", e, "A+B", MIXED) for e in SUB_ID_GETS),
    # The clerk who registered a report learns its number, never its content again.
    # The clerk who took the report saw its one confirmation in the answer to the POST.
    *_case_rows("GET", "intake.registered", READ_A, READ_R, READ_B),
    # Handling: a clerk only a case assigned to them (or no one), the inspector only reports.
    #                             anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
    *_case_rows(
        "POST",
        "cases.act",
        "L   403 200 403 200  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 200  200  403 404  404 404   403  403  403  K",
        "L   404 404 404 404  404  403 200  200 403   403  403  403  K",
        args={"action": "note"},
    ),
    # Any clerk accepts a case (not a report); only the head closes.
    *_case_rows(
        "POST",
        "cases.act",
        "L   409 409 409 409  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 409  409  403 404  404 404   403  403  403  K",
        "L   404 404 404 404  404  403 409  409 403   403  403  403  K",
        args={"action": "accept"},
    ),
    *_case_rows(
        "POST",
        "cases.act",
        "L   403 403 403 409  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 409  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 404  404  403 403  409 403   403  403  403  K",
        args={"action": "close"},
    ),
    Row("GET", "cases.act", "A", "405 " * 14, args={"action": "note"}),
    # An action's form opens for exactly those who may take the action now; for them a form
    # whose step is over (a reload after closing) leads back to the case page (303).
    *_case_rows(
        "GET",
        "cases.action_form",
        "L   403 200 403 200  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 200  200  403 404  404 404   403  403  403  K",
        "L   404 404 404 404  404  403 200  200 403   403  403  403  K",
        args={"action": "note"},
    ),
    *_case_rows(
        "GET",
        "cases.action_form",
        "L   403 403 403 303  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 303  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 404  404  403 403  303 403   403  403  403  K",
        args={"action": "close"},
    ),
    # Attaching is noting: the assignee, the head, the inspector for reports.
    *_case_rows(
        "POST",
        "attachments.upload",
        "L   403 302 403 302  403  403 404  404 404   403  403  403  K",
        "L   404 404 404 302  302  403 404  404 404   403  403  403  K",
        "L   404 404 404 404  404  403 302  302 403   403  403  403  K",
    ),
    *(
        row
        for e in ("intake.mark_key_person", "intake.clear_key_person")
        for row in _case_rows(
            "POST",
            e,
            "L   403 403 403 303  403  403 403  404 403   403  403  403  K",
            "L   403 403 403 303  403  403 403  404 403   403  403  403  K",
            "L   403 403 403 404  403  403 403  303 403   403  403  403  K",
        )
    ),
    Row("GET", "cases.index", "-", CASE_STAFF),
    Row("GET", "cases.mine", "-", CASE_STAFF),
    Row("GET", "duties.index", "-", CASE_STAFF),
    Row("GET", "search.index", "-", CASE_STAFF, data={"q": "停电"}),
    Row("GET", "intake.new", "-", CASE_STAFF, data={"channel": "phone"}),
    Row("POST", "intake.new", "-", CASE_STAFF),  # no channel: the channel picker
    Row("POST", "intake.lookup", "-", CASE_STAFF, data={"phone": "13800001111"}),
    Row("GET", "intake.lookup", "-", "405 " * 14),
    Row("GET", "intake.enclosure_row", "-", CASE_STAFF),
    # Any staff member looks up a report's state by the code a reporter quotes.
    Row("GET", "confidential.status", "-", CASE_STAFF),
    Row("POST", "confidential.status", "-", CASE_STAFF),  # empty: the form again
    # The station's inspectors read the identity requests and the access log; heads do not.
    Row("GET", "confidential.disclosure_list", "-", INSPECTORS),
    Row("GET", "confidential.access_log", "-", INSPECTORS),
    # A report's own log: not of a case that is no report, nor of another station's.
    *_case_rows(
        "GET",
        "confidential.report_log",
        "L   403 403 403 403  404  403 403  403 404   403  403  403  K",
        "L   403 403 403 403  200  403 403  403 404   403  403  403  K",
        "L   403 403 403 403  404  403 403  403 404   403  403  403  K",
    ),
    Row("POST", "confidential.report_log", "report", "405 " * 14),
    # The inspector's identity search: station inspectors only.
    Row("GET", "confidential.identity_search", "-", INSPECTORS),
    # The county-level inspector's queue: nobody here is one, a station's inspector neither.
    Row("GET", "confidential.county_queue", "-", NOBODY),
    Row(
        "GET",
        "confidential.county_request",
        "-",
        NOBODY,
        args={"kind": "disclosure", "item_id": 1},
    ),
    Row("GET", "main.index", "-", ANYONE),
    Row("GET", "auth.change_password", "-", ANYONE),
    Row("POST", "auth.change_password", "-", ANYONE),  # empty: the form again
    Row("GET", "auth.login", "-", LOGGED_IN_AWAY),
    Row("POST", "auth.login", "-", LOGGED_IN_AWAY),
    Row("POST", "auth.set_language", "-", "302 " * 14),
    Row("GET", "auth.health", "-", PUBLIC),
    Row("GET", "static", "-", PUBLIC),
    # Admin pages: a station's admin for their station, the installation's admin for all.
    Row("GET", "admin.users", "-", ADMINS),
    Row("GET", "admin.new_user", "-", ADMINS),
    Row("POST", "admin.new_user", "-", ADMINS),  # empty: the form again
    Row("GET", "admin.audit", "-", ADMINS),
    Row("POST", "admin.audit", "-", "405 " * 14),
    Row("GET", "admin.stations", "-", ROOT_ONLY),
    # Station settings: a station's admin their own; the installation's admin from the list.
    Row("GET", "admin.own_station", "-", OWN_STATION),
    Row("POST", "admin.own_station", "-", OWN_STATION_SAVED),  # empty, as it is: no change
    *_admin_rows("GET", "admin.station", "200"),
    *_admin_rows("POST", "admin.station", "303"),  # empty, as it is: nothing changed
    Row("POST", "admin.stations", "-", ROOT_ONLY),  # empty: the form again
    *_admin_rows("GET", "admin.user", "200"),
    # The second person: a station's heads and inspectors see its admin's requests.
    Row(
        "GET",
        "approvals.index",
        "-",
        "L   403 403 403 200  200  403 403  200 200   403  403  403  K",
    ),
    Row("GET", "approvals.approve", "A-pw", "405 " * 14),
    Row("GET", "approvals.refuse", "A", "405 " * 14),
    # The calendar is the installation's: every admin changes it, heads read it.
    Row("GET", "calendar.index", "-", HEADS_ADMINS),
    Row("POST", "calendar.save_day", "-", ADMINS.replace("200", "400")),  # empty form
    Row("POST", "calendar.import_csv", "-", ADMINS.replace("200", "400")),  # no file
    # Policies: heads read them, admins change their station's.
    Row("GET", "policies.index", "-", HEADS_ADMINS),
    *_admin_rows("GET", "policies.edit", "200"),
    *_admin_rows("POST", "policies.edit", "400"),  # empty form
    *_admin_rows("POST", "policies.restore", "303"),  # already the defaults
    Row("GET", "policies.topics", "-", ADMINS),
    # Empty: the form again; the installation's admin first picks a station.
    Row("POST", "policies.topics", "-", NEW_TOPIC),
    *_admin_rows("POST", "policies.rename_topic", "303"),  # no name: a message
    # Reception day: its pages for the station's clerks and heads; the kiosk only signs in.
    Row("GET", "reception.index", "-", RECEPTION),
    Row("GET", "reception.notice", "-", RECEPTION),
    *(Row("GET", e, "-", RECEPTION, args=ON_DAY) for e in ("reception.day", "reception.queue")),
    Row("GET", "reception.hosts", "-", HEADS),
    Row("POST", "reception.hosts", "-", HEADS.replace("200", "400")),  # no day: a message
    Row("POST", "reception.settings", "-", HEADS.replace("200", "303")),  # empty: a message
    # The sign-in: the kiosk's page, and a clerk's desk form; an empty POST has no page key.
    Row("GET", "reception.signin", "-", SIGN_IN),
    Row("POST", "reception.signin", "-", SIGN_IN.replace("200", "303")),
    # Ending kiosk mode: only the kiosk itself; without a staff login, back to the sign-in.
    Row("POST", "reception.leave_kiosk", "-", KIOSK_ONLY.replace("200", "303")),
    Row("GET", "reception.leave_kiosk", "-", "405 " * 14),
    # A visitor's page and outcome: the head and that day's host (clerk_assigned in A).
    Row("GET", "reception.visitor", "A", DECIDE_A, args=ON_DAY),
    Row("GET", "reception.visitor", "B", DECIDE_B, args=ON_DAY),
    Row("POST", "reception.outcome", "A", DECIDE_A.replace("200", "400"), args=ON_DAY),
    Row("POST", "reception.outcome", "B", DECIDE_B.replace("200", "400"), args=ON_DAY),
    Row("GET", "reception.outcome", "A", "405 " * 14, args=ON_DAY),
    Row("GET", "reception.call_in", "A", "405 " * 14, args=ON_DAY),
    # The station's devices: its head.
    Row("GET", "devices.index", "-", HEADS),
    Row("GET", "devices.revoke", "A", "405 " * 14),
    # The overdue board: a station's staff (their station's), county users in aggregate; the
    # wall mode in a staff member's own browser, not a county user's (a message). Admins: no.
    #                           anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
    Row("GET", "board.index", "-", "L   200 200 200 200  200  403 200  200 200   403  200  403  K"),
    Row("GET", "board.index", "-", CASE_STAFF, data={"wall": "1"}),
    Row("GET", "board.grant_wall", "-", "405 " * 14),
    # The monthly summary: a station's staff, their own station's; county users and admins
    # are refused (the county's view comes later). 2026-01 comes before station A's first
    # case (registered today) and after station B's (November 2025): A's staff get the
    # page that says so.
    #                           anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
    Row("GET", "summary.current", "-", CASE_STAFF),
    Row("GET", "summary.month", "-", BEFORE_A_BEGAN, args={"month": "2026-01"}),
    # Its XLSX and CSV: the same viewers and the same refusal of a month before A's first.
    Row("GET", "summary.xlsx", "-", BEFORE_A_BEGAN, args={"month": "2026-01"}),
    Row("GET", "summary.csv_file", "-", BEFORE_A_BEGAN, args={"month": "2026-01"}),
    # Submitting a month: heads only, a month that has ended and in which the station has
    # cases. B's head submitted 2025-11 (access_world.SUBMITTED_MONTH): A's head gets the page
    # that says A has no case then (404); B's head, the confirm step (200), and for an empty
    # POST, that a second version needs a reason (400, nothing changed). B's version and key
    # are B's staff's alone: A has no such version and no key yet (404).
    Row("GET", "summary.confirm_submit", "-", SUBMIT_B, args=SUBMITTED),
    Row("POST", "summary.submit", "-", SUBMIT_B.replace("200", "400"), args=SUBMITTED),
    Row("GET", "summary.version", "-", BEFORE_A_BEGAN, args={**SUBMITTED, "version": 1}),
    Row("GET", "summary.version_file", "-", BEFORE_A_BEGAN, args={**SUBMITTED, "version": 1}),
    Row("GET", "summary.key", "-", CASE_STAFF),
    Row("GET", "summary.key_pem", "-", BEFORE_A_BEGAN),
    # The county's side-by-side month: county users only.
    Row("GET", "county.index", "-", COUNTY_ONLY),
    Row("GET", "county.month", "-", COUNTY_ONLY, args={"month": "2026-01"}),
    Row("GET", "county.xlsx", "-", COUNTY_ONLY, args={"month": "2026-01"}),
    # A station's month as the county reads it: B's, live and its submitted version, and
    # the month a station that runs alone sent (access_world._imported).
    Row("GET", "county.station_month", "B", COUNTY_ONLY, args=SUBMITTED),
    Row("GET", "county.station_xlsx", "B", COUNTY_ONLY, args=SUBMITTED),
    Row("GET", "county.station_version", "B", COUNTY_ONLY, args={**SUBMITTED, "version": 1}),
    Row("GET", "county.imported", "-", COUNTY_ONLY, args=SUBMITTED),
    Row("GET", "county.imported_xlsx", "-", COUNTY_ONLY, args=SUBMITTED),
    Row("GET", "county.imports_page", "-", IMPORTERS),
    Row("POST", "county.import_files", "-", IMPORTERS.replace("200", "400")),
    Row("POST", "county.register_station", "-", IMPORTERS.replace("200", "400")),
    # The reporting-line log: clerks and heads record calls and dispositions, inspectors read
    # the log; the admin has the line setting only. ``A``/``B`` carry a call of each station.
    Row("GET", "hotline.index", "-", CASE_STAFF),
    Row("POST", "hotline.log_call", "-", HOTLINE_RECORD),  # empty: a message
    Row("GET", "hotline.log_call", "-", "405 " * 14),
    Row("GET", "hotline.call", "A", READ_A),
    Row("GET", "hotline.call", "B", READ_B),
    Row("POST", "hotline.dispose", "A", HOTLINE_DISPOSE_A),  # empty: a message
    Row("POST", "hotline.dispose", "B", HOTLINE_DISPOSE_B),
    Row("GET", "hotline.dispose", "A", "405 " * 14),
    Row("GET", "hotline.line", "-", OWN_STATION),
    Row("POST", "hotline.line", "-", OWN_STATION_SAVED),  # empty, as it is: nothing changed
    # Key persons: clerks and heads see them and record visits, heads set the interval; the
    # inspector, the admins and the county have none of it. ``A``/``B`` carry a key person.
    Row("GET", "people.index", "-", PEOPLE),
    Row("GET", "people.show", "A", PEOPLE_A),
    Row("GET", "people.show", "B", PEOPLE_B),
    # Empty forms: refused with their reasons, nothing saved (400).
    Row("POST", "people.record_visit", "A", PEOPLE_A.replace("200", "400")),
    Row("POST", "people.record_visit", "B", PEOPLE_B.replace("200", "400")),
    Row("GET", "people.record_visit", "A", "405 " * 14),
    Row("POST", "people.set_interval", "A", INTERVAL_A),
    Row("POST", "people.set_interval", "B", INTERVAL_B),
    Row("GET", "people.set_interval", "A", "405 " * 14),
]

# Requests that change data when allowed: walked on their own app, a fresh login each.
CHANGING: list[Row] = [
    Row(
        "POST", "auth.logout", "-", "L   302 302 302 302  302  302 302  302 302   302  302  302  K"
    ),
    # Granting head becomes a request (302 to the user's page, which says so); the target is
    # a clerk, whose new password is shown to the admin at once (200).
    *_admin_rows("POST", "admin.user", "302", data={"name": "改名", "roles": ["clerk", "head"]}),
    *_admin_rows("POST", "admin.reset_password", "200"),
    *_admin_rows("POST", "admin.unlock", "302"),
    *_admin_rows("POST", "admin.deactivate", "302"),
    *_admin_rows("POST", "admin.reactivate", "302"),
    # A request is decided by a head or inspector of its station, not its admin: the head,
    # first in the walk, approves the deputy's new password (200, the password shown once),
    # and the inspector after finds it decided (303 with a message).
    #    anon reg asg oth head insp adm bclk bhd binsp badm cnty root kiosk
    Row(
        "POST",
        "approvals.approve",
        "A-pw",
        "L   403 403 403 200  303  403 403  404 404   403  403  403  K",
    ),
    Row(
        "POST",
        "approvals.approve",
        "B-pw",
        "L   403 403 403 404  404  403 403  200 303   403  403  403  K",
    ),
    # Refused by the head, then decided already for the inspector: both 303 with a message.
    Row(
        "POST",
        "approvals.refuse",
        "A",
        "L   403 403 403 303  303  403 403  404 404   403  403  403  K",
    ),
    Row(
        "POST",
        "approvals.refuse",
        "B",
        "L   403 403 403 404  404  403 403  303 303   403  403  403  K",
    ),
    Row("POST", "calendar.remove_day", "-", ADMINS.replace("200", "302")),
    Row("POST", "calendar.confirm_year", "-", ADMINS.replace("200", "302")),
    *_admin_rows("POST", "policies.move_topic", "303", args={"direction": "down"}),
    *_admin_rows("POST", "policies.toggle_topic", "303", args={"change": "deactivate"}),
    # A report's panel: empty forms are refused with a message, their attempt logged (400);
    # a case that is not a report has no panel (404).
    *_case_rows(
        "POST",
        "confidential.request_disclosure",
        "L   403 403 403 404  403  403 403  404 403   403  403  403  K",
        "L   403 403 403 400  403  403 403  404 403   403  403  403  K",
        "L   403 403 403 404  403  403 403  404 403   403  403  403  K",
    ),
    Row(
        "POST",
        "confidential.decide_disclosure",
        "report",
        "L   403 403 403 403  400  403 403  403 404   403  403  403  K",
    ),
    # Empty forms again: refused with a message, the attempt logged (400).
    Row(
        "POST",
        "confidential.identity_search",
        "-",
        "L   403 403 403 403  400  403 403  403 400   403  403  403  K",
    ),
    # The report's referral waits already: a second one is refused (409).
    *_case_rows(
        "POST",
        "confidential.request_referral",
        "L   403 403 403 404  404  403 403  404 404   403  403  403  K",
        "L   403 403 403 409  409  403 403  404 404   403  403  403  K",
        "L   403 403 403 404  404  403 403  404 404   403  403  403  K",
    ),
    Row(
        "POST",
        "confidential.decide_referral",
        "report",
        "L   403 403 403 400  400  403 403  404 404   403  403  403  K",
    ),
    Row(
        "POST",
        "confidential.county_request",
        "-",
        NOBODY,
        args={"kind": "disclosure", "item_id": 1},
    ),
    *_case_rows(
        "POST",
        "confidential.contact",
        "L   403 403 403 404  404  403 403  404 404   403  403  403  K",
        "L   403 403 403 200  200  403 403  404 404   403  403  403  K",
        "L   403 403 403 404  404  403 403  404 404   403  403  403  K",
    ),
    # Turning a browser into the kiosk ends the session it is made with: a clerk or head
    # gets the kiosk (or, on a day without reception, a message); an inspector a message.
    Row(
        "POST",
        "reception.grant_kiosk",
        "-",
        "L   303 303 303 303  303  403 303  303 303   403  403  403  K",
    ),
    # Turning a browser into the wall display: a station's head only; it ends that session.
    Row("POST", "board.grant_wall", "-", HEADS.replace("200", "303")),
    # The head revokes A's spare kiosk (a second time: a message); B's is not A's.
    Row("POST", "devices.revoke", "A", DECIDERS_HEADS_A),
    Row("POST", "devices.revoke", "B", DECIDERS_HEADS_B),
    # Calling a visitor in: the head and the day's host.
    Row("POST", "reception.call_in", "A", DECIDE_A.replace("200", "303"), args=ON_DAY),
    Row("POST", "reception.call_in", "B", DECIDE_B.replace("200", "303"), args=ON_DAY),
    *_case_rows(
        "POST",
        "confidential.write_message",
        "L   403 403 403 404  404  403 403  404 404   403  403  403  K",
        "L   403 403 403 400  400  403 403  404 404   403  403  403  K",
        "L   403 403 403 404  404  403 403  404 404   403  403  403  K",
    ),
    # Suggestion boxes: clerks and heads their content, heads and admins their settings; the
    # installation's admin (no station) has no boxes (403).
    Row("GET", "box.index", "-", "L   200 200 200 200  403  200 200  200 403   200  403  403  K"),
    Row("GET", "box.new", "-", BOX_SETTINGS),
    Row("POST", "box.new", "-", BOX_SETTINGS),  # empty: the form again
    *(
        Row(m, "box.edit", "A", "L   403 403 403 200  403  200 403  404 403   404  403  403  K")
        for m in ("GET", "POST")
    ),
    *(
        Row(m, "box.edit", "B", "L   403 403 403 404  403  404 403  200 403   200  403  403  K")
        for m in ("GET", "POST")
    ),
    *(Row("GET", e, "A", BOX_A) for e in ("box.show", "box.record", "box.opening")),
    *(Row("GET", e, "B", BOX_B) for e in ("box.show", "box.record", "box.opening")),
    # An empty opening: refused with its reasons, nothing saved (400).
    Row("POST", "box.record", "A", BOX_A.replace("200", "400")),
    Row("POST", "box.record", "B", BOX_B.replace("200", "400")),
    # A key person's interval set to 60 days by the head of its station (303); the other
    # station's head does not find the person (404).
    Row(
        "POST",
        "people.set_interval",
        "A",
        INTERVAL_A.replace("400", "303"),
        data={"visit_interval": "60"},
    ),
    Row(
        "POST",
        "people.set_interval",
        "B",
        INTERVAL_B.replace("400", "303"),
        data={"visit_interval": "60"},
    ),
]
