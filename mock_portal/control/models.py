"""What each control-API call takes and gives, as pydantic models: the one place its limits,
patterns and enums are written. The server validates with these models and the OpenAPI document
is their JSON Schema, so the document cannot allow what the server refuses.

Why pydantic (v2) rather than msgspec: the document needs JSON Schema with ``$ref``\\ s, per-field
patterns and examples, and the refusals need per-field reasons ("user_id must be ..."):
pydantic gives both from one model, and its strict mode refuses ``"yes"`` for a boolean or
``0`` for an enum as the API always has. msgspec would validate faster, but the control API is
not on any hot path (a test's setup makes a handful of calls).

Request models are validated strictly (no coercion: ``false`` is not a role); query and path
models leniently, since a query string only carries text.

Strings never take control characters, and patterns are written with explicit ASCII classes
(no ``\\s``, ``\\d``, ``\\w``), which mean the same in Python, Rust and ECMA-262 regexes: the
server (Rust's engine, through pydantic) and a client reading the document agree.
"""

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from mock_portal.accounts.models import LineOfBusiness, Role, SpotAccess
from mock_portal.availability.systems import FaultKind, Maintenance, SystemName
from mock_portal.errors.catalogue import ErrorCode
from mock_portal.population import mbi
from mock_portal.world.clock import EARLIEST, LATEST

from .validation import Refusal, describe_pattern

# -- Limits and patterns (each written here once) -------------------------------------------------

CONTROL_CHARACTERS = r"\x00-\x1f\x7f"
USER_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._@-]{2,63}"
USER_ID_MAX = 64
NAME_PATTERN = rf"[^{CONTROL_CHARACTERS}<>]{{1,64}}"
NAME_MAX = 64
_EMAIL_PART = rf"[^@ {CONTROL_CHARACTERS}]+"
EMAIL_PATTERN = rf"{_EMAIL_PART}@{_EMAIL_PART}\.{_EMAIL_PART}"
EMAIL_MAX = 254
PASSWORD_MAX = 128
ORGANIZATION_ID_MAX = 64
MESSAGE_MAX = 500
# Each beneficiary is generated on request; a page of 100 takes a few tens of milliseconds.
BENEFICIARY_PAGE_LIMIT = 100
BENEFICIARY_PAGE_DEFAULT = 10
# Offsets are whole numbers of up to 18 digits: int() would take far longer strings.
OFFSET_MAX = 10**18 - 1
# One-off windows a namespace may hold: plenty for any scenario, bounded for a fuzzer.
MAX_WINDOWS = 50
# The user the document's examples name; the fuzz creates it before each case.
EXAMPLE_USER_ID = "fuzz.user"
BACK_ENDS = tuple(system for system in SystemName if system.is_back_end)


def anchored(pattern: str) -> str:
    """A whole-string pattern, as JSON Schema's ``pattern`` (a search) needs it."""
    return f"^(?:{pattern})$"


def _text(
    max_length: int, pattern: str | None = None, words: str | None = None
) -> StringConstraints:
    """1-``max_length`` characters without control characters, matching ``pattern`` as a whole
    when given; ``words`` say what the pattern means, for a refusal's reason."""
    return StringConstraints(
        min_length=1,
        max_length=max_length,
        pattern=describe_pattern(
            anchored(pattern or rf"[^{CONTROL_CHARACTERS}]*"),
            words or "text with no control characters (such as tabs or line breaks)",
        ),
    )


UserIdText = Annotated[
    str,
    _text(
        USER_ID_MAX,
        USER_ID_PATTERN,
        "3-64 characters, each a letter, a digit, '.', '_', '@' or '-', starting with a letter "
        "or a digit",
    ),
]
PasswordText = Annotated[str, _text(PASSWORD_MAX)]
EmailText = Annotated[
    str,
    _text(
        EMAIL_MAX,
        EMAIL_PATTERN,
        "an e-mail address such as name@example.com, with no spaces or control characters",
    ),
]
NameText = Annotated[
    str,
    _text(NAME_MAX, NAME_PATTERN, "1-64 characters with no control characters, < or >"),
]
OrganizationIdText = Annotated[str, _text(ORGANIZATION_ID_MAX)]
MessageText = Annotated[str, _text(MESSAGE_MAX)]


class Body(BaseModel):
    """A JSON request body: an object with no other members than its fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Params(BaseModel):
    """Path or query parameters: text read leniently (``?limit=5`` is the number 5)."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Reply(BaseModel):
    """A success's body, for the document (handlers answer with plain JSON)."""

    model_config = ConfigDict(extra="allow")


# -- Path parameters -------------------------------------------------------------------------------


def _system(value: object) -> SystemName:
    text = str(value)
    try:
        return SystemName(text.upper())
    except ValueError:
        choices = ", ".join(s.value for s in SystemName)
        raise Refusal(404, "not_found", f"no system {text!r}; systems: {choices}") from None


def _back_end(value: object) -> SystemName:
    system = _system(value)
    if not system.is_back_end:
        back_ends = ", ".join(s.value for s in BACK_ENDS)
        raise Refusal(
            400,
            "bad_request",
            f"faults are for the back ends SPOT calls ({back_ends}); take {system} down with "
            f"PUT /__admin/systems/{system} or a maintenance window",
        )
    return system


def _enum_schema(values: tuple[SystemName, ...] | type[SystemName]) -> WithJsonSchema:
    names = [s.value for s in values]
    return WithJsonSchema({"type": "string", "enum": names, "examples": names})


# Any case is accepted ("hets"); the document lists the canonical names.
System = Annotated[SystemName, BeforeValidator(_system), _enum_schema(SystemName)]
BackEnd = Annotated[SystemName, BeforeValidator(_back_end), _enum_schema(BACK_ENDS)]


class UserPath(Params):
    user_id: UserIdText = Field(examples=[EXAMPLE_USER_ID])


class SystemPath(Params):
    name: System


class LoginGovAccountPath(Params):
    email: EmailText


class BackEndPath(Params):
    name: BackEnd


class WindowPath(Params):
    name: System
    window_id: str = Field(examples=["w1"])


# -- Query parameters ------------------------------------------------------------------------------


class MailQuery(Params):
    to: str | None = Field(default=None, description="only mail to this address (any case)")


class JournalQuery(Params):
    kind: str | None = Field(default=None, examples=["hets.eligibility"])


class BeneficiaryQuery(Params):
    offset: int = Field(default=0, ge=0, le=OFFSET_MAX)
    limit: int = Field(default=BENEFICIARY_PAGE_DEFAULT, ge=1, le=BENEFICIARY_PAGE_LIMIT)


def _valid_mbi(value: str) -> str:
    if not mbi.is_valid(value):
        raise ValueError("mbi must be a valid Medicare Beneficiary Identifier")
    return value


class ClaimsQuery(Params):
    mbi: Annotated[
        str,
        BeforeValidator(lambda value: mbi.normalize(value) if isinstance(value, str) else value),
        AfterValidator(_valid_mbi),
        WithJsonSchema(
            {"type": "string", "pattern": anchored(mbi.PATTERN), "examples": ["1EG4TE5MK73"]}
        ),
    ]

    @model_validator(mode="before")
    @classmethod
    def _given(cls, data: Any) -> Any:
        if isinstance(data, dict) and "mbi" not in data:
            raise ValueError("mbi must be a valid Medicare Beneficiary Identifier: give ?mbi=")
        return data


# -- Request bodies --------------------------------------------------------------------------------


class NewUserBody(Body):
    """``POST /users``: each field optional, Faker fills the rest."""

    # organization_id and role belong to a request: with either, spot_access must be given,
    # and not none.
    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {
                    "if": {
                        "required": [name],
                        "properties": {name: {"type": "string"}},
                    },
                    "then": {
                        "required": ["spot_access"],
                        "properties": {"spot_access": {"not": {"const": SpotAccess.NONE.value}}},
                    },
                }
                for name in ("organization_id", "role")
            ]
        }
    )

    user_id: UserIdText | None = None
    password: PasswordText | None = None
    email: EmailText | None = None
    first_name: NameText | None = None
    last_name: NameText | None = None
    date_of_birth: date | None = None
    spot_access: SpotAccess = SpotAccess.NONE
    role: Role = Field(default=Role.END_USER, description="needs spot_access other than none")
    mfa: bool = True
    organization_id: OrganizationIdText | None = Field(
        default=None, description="needs spot_access other than none"
    )

    @model_validator(mode="after")
    def _organization_needs_a_request(self) -> "NewUserBody":
        _only_with_a_request(
            self.spot_access,
            "spot_access",
            organization_id=self.organization_id is not None,
            role="role" in self.model_fields_set,
        )
        return self


def _only_with_a_request(status: SpotAccess, field: str, **given: bool) -> None:
    """organization_id and role describe a SPOT access request: refused with ``status`` none,
    which has none (rather than dropped), alike in ``POST /users`` and ``PUT .../access``."""
    for name, present in given.items():
        if present and status is SpotAccess.NONE:
            raise ValueError(
                f"{name} belongs to a SPOT access request, which {field} none has not: set "
                f"{field} to pending, approved or denied, or leave {name} out"
            )


class AccessBody(Body):
    """``PUT /users/{id}/access``: ``role`` and ``organization_id`` need a status other than
    none."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"status": {"const": SpotAccess.NONE.value}}},
            "then": {"not": {"anyOf": [{"required": ["role"]}, {"required": ["organization_id"]}]}},
        }
    )

    status: SpotAccess
    role: Role | None = Field(default=None, description="needs status other than none")
    organization_id: OrganizationIdText | None = Field(
        default=None, description="needs status other than none"
    )

    @model_validator(mode="after")
    def _request_fields_need_a_request(self) -> "AccessBody":
        _only_with_a_request(
            self.status,
            "status",
            organization_id=self.organization_id is not None,
            role=self.role is not None,
        )
        return self


class SystemBody(Body):
    """``PUT /systems/{name}``: ``{"available": true}`` also ends a fault; ``maintenance`` and
    ``message`` describe an outage, so they go only with ``"available": false``."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"available": {"const": True}}},
            "then": {"not": {"anyOf": [{"required": ["maintenance"]}, {"required": ["message"]}]}},
        }
    )

    available: bool
    maintenance: Maintenance | None = Field(default=None, description="only with available false")
    message: MessageText | None = Field(default=None, description="only with available false")

    @model_validator(mode="after")
    def _outage_fields_need_an_outage(self) -> "SystemBody":
        given = [name for name in ("maintenance", "message") if getattr(self, name) is not None]
        if self.available and given:
            raise ValueError(
                f"{' and '.join(given)} only go with available=false (they describe an outage); "
                "leave them out to bring the system back"
            )
        return self


WINDOW_YEARS = f"the years {EARLIEST.year}-{LATEST.year - 1} in UTC"


class WindowBody(Body):
    """A one-off window: ``end`` after ``start`` (which JSON Schema cannot say), both moments
    in the years a clock may show, in UTC."""

    start: AwareDatetime = Field(description=f"a moment in {WINDOW_YEARS}")
    end: AwareDatetime = Field(description=f"a moment in {WINDOW_YEARS}, after start")
    message: MessageText | None = None

    @field_validator("start", "end")
    @classmethod
    def _in_clock_range(cls, value: datetime, info: ValidationInfo) -> datetime:
        try:
            utc: datetime | None = value.astimezone(UTC)
        except OverflowError:  # 9999-12-31T23:00-05:00 is after the last UTC instant
            utc = None
        if utc is None or not EARLIEST <= utc < LATEST:
            raise ValueError(f"{info.field_name} must fall in {WINDOW_YEARS}, as the clock does")
        return value


class FaultBody(Body):
    kind: FaultKind
    message: MessageText | None = None


class ClockBody(Body):
    now: AwareDatetime = Field(
        description=f"a moment in the years {EARLIEST.year}-{LATEST.year - 1} in UTC (which "
        "JSON Schema cannot say)"
    )


class NewLoginGovAccountBody(Body):
    """``POST /logingov/accounts``: a Login.gov account; Faker fills what is not given.
    ``verified``: whether the account verified its identity (``urn:acr.login.gov:verified``;
    default true, which IDM asks for)."""

    email: EmailText | None = None
    password: PasswordText | None = None
    verified: bool = True


class SettingsBody(Body):
    cache_traps: bool | None = None
    weekly_maintenance: bool | None = None
    # IDM's first page (DESIGN.md, "IDM's sign-in page as it is today"): the chooser of IDM's
    # new sign-in experience, or the classic one-step page.
    idm_sign_in: Literal["chooser", "classic"] | None = None


# -- Replies ---------------------------------------------------------------------------------------

Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Day = Annotated[str, Field(json_schema_extra={"format": "date"})]


class Health(Reply):
    status: Literal["ok", "starting"]
    spot_url: str
    idm_url: str
    logingov_url: str


class Status(Reply):
    status: str
    namespace: str


class Organization(Reply):
    id: str
    business_name: str
    address: str
    npi: str
    ptan: str
    tin: str
    line_of_business: LineOfBusiness


class LoginGovAccount(Reply):
    email: str
    uuid: str
    verified: bool
    first_name: str
    last_name: str
    created_at: Moment
    password: str | None = None
    # The IDM user Login.gov's sign-ins link to, once one happened.
    idm_user_id: str | None = None


class User(Reply):
    user_id: str
    id: str
    email: str
    first_name: str
    last_name: str
    date_of_birth: Day
    address: str
    mfa: bool
    spot_access: SpotAccess
    role: Role | None
    confirmation_number: str | None
    organization: Organization | None
    locked_until: Moment | None
    password: str | None = Field(default=None, description="only when the user is created")


class ListedOrganization(Organization):
    approvers: list[str]


class Organizations(Reply):
    organizations: list[ListedOrganization]


class SystemState(Reply):
    name: SystemName
    description: str
    available: bool
    maintenance: Maintenance | None
    reason: str | None
    message: str
    since: Moment | None
    until: Moment | None
    window: str | None
    fault: FaultKind | None


class Window(Reply):
    id: str
    system: SystemName
    start: Moment
    end: Moment
    message: str
    recurring: Literal["weekly"] | None
    state: Literal["upcoming", "active", "ended"]


class Windows(Reply):
    windows: list[Window]


class DeletedWindow(Reply):
    deleted: Window


class ListedSystem(SystemState):
    windows: list[Window]


class Systems(Reply):
    systems: list[ListedSystem]


class Clock(Reply):
    now: Moment
    frozen: bool


class Mail(Reply):
    to: str
    subject: str
    body: str
    sent_at: Moment
    channel: str


class Outbox(Reply):
    messages: list[Mail]


class JournalEntry(Reply):
    at: Moment
    kind: str


class Journal(Reply):
    entries: list[JournalEntry]


class BeneficiaryPage(Reply):
    seed: int
    size: int
    offset: int
    limit: int
    beneficiaries: list[dict[str, Any]]


class Claims(Reply):
    mbi: str
    claims: list[dict[str, Any]]


class CatalogueEntry(Reply):
    code: ErrorCode
    title: str
    systems: list[str]
    message: str


class Catalogue(Reply):
    errors: list[CatalogueEntry]


class OidcClient(Reply):
    issuer: str
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]


class Settings(Reply):
    cache_traps: bool
    release: int
    weekly_maintenance: bool
    idm_sign_in: Literal["chooser", "classic"]


class Document(Reply):
    openapi: str
    paths: dict[str, Any]


class Error(BaseModel):
    """Every refusal: a stable word and a sentence for people."""

    error: str = Field(description="a stable word, e.g. bad_request")
    reason: str = Field(description="what was wrong, for people")
