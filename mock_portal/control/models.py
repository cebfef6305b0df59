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

from mock_portal.accounts import identifiers
from mock_portal.accounts.models import LineOfBusiness, MfaFactor, Role, SpotAccess
from mock_portal.availability.systems import FaultKind, Maintenance, SystemName
from mock_portal.errors.catalogue import ErrorCode
from mock_portal.population import mbi
from mock_portal.world.clock import EARLIEST, LATEST
from mock_portal.world.config import TIMEOUT_MAX, TIMEOUT_MIN

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
# How IDM stores a password (mock_portal/sites/security.py): a 16-byte salt and the SHA-256 of
# salt + password, each base64, joined by '$' (Okta's imported SHA-256 hash, salt first).
PASSWORD_HASH_PATTERN = r"[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}="  # noqa: S105 (a form)
PASSWORD_HASH_MAX = 69
NPI_PATTERN = r"[0-9]{10}"
PTAN_PATTERN = r"[A-Z0-9]{6}"
TIN_PATTERN = r"[0-9]{9}"
ADDRESS_MAX = 200
ORGANIZATION_ID_MAX = 64
MESSAGE_MAX = 500
# Each beneficiary is generated on request; a page of 100 takes a few tens of milliseconds.
BENEFICIARY_PAGE_LIMIT = 100
BENEFICIARY_PAGE_DEFAULT = 10
# Offsets are whole numbers of up to 18 digits: int() would take far longer strings.
OFFSET_MAX = 10**18 - 1
# One-off windows a namespace may hold: plenty for any scenario, bounded for a fuzzer.
MAX_WINDOWS = 50
# A redirect URI: absolute http(s), no fragment (RFC 6749 section 3.1.2), no spaces, quotes,
# angle brackets or control characters.
URI_MAX = 2000
URI_PATTERN = rf"https?://[^#{CONTROL_CHARACTERS} <>\"]+"
URIS_MAX = 10
ASSIGNED_USERS_MAX = 1000
CLIENT_ID_PATTERN = r"[A-Za-z0-9]{1,64}"
CLIENT_SECRET_PATTERN = r"[A-Za-z0-9_~.-]{14,128}"  # noqa: S105 (a pattern)
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
PasswordHashText = Annotated[
    str,
    _text(
        PASSWORD_HASH_MAX,
        PASSWORD_HASH_PATTERN,
        "a hash as GET /__admin/state exports it: a base64 16-byte salt, '$', a base64 SHA-256",
    ),
]
AddressText = Annotated[str, _text(ADDRESS_MAX, words="1-200 characters, no control characters")]
UriText = Annotated[
    str,
    _text(
        URI_MAX,
        URI_PATTERN,
        "an absolute http:// or https:// URI with no fragment (#), spaces, quotes, < or >",
    ),
]
MessageText = Annotated[str, _text(MESSAGE_MAX)]
PHONE_PATTERN = r"[+]?[0-9][0-9 ().-]{6,24}"
PhoneText = Annotated[
    str,
    _text(
        32,
        PHONE_PATTERN,
        "a phone number such as +1 904-555-0142: digits, spaces, ( ) . - and a leading +",
    ),
]
AnswerText = Annotated[
    str, _text(NAME_MAX, NAME_PATTERN, "1-64 characters with no control characters, < or >")
]


class Body(BaseModel):
    """A JSON request body: an object with no other members than its fields. Numbers are finite:
    JSON has no NaN or Infinity (RFC 8259, section 6), though Python's parser, and pydantic's,
    take them."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


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


class ClientPath(Params):
    client_id: Annotated[str, _text(64, CLIENT_ID_PATTERN, "letters and digits")] = Field(
        examples=["0oaspotmock0000000001"]
    )


class IdmEndpointPath(Params):
    endpoint: Literal["token", "keys", "userinfo"]


class SystemPath(Params):
    name: System


class LoginGovAccountPath(Params):
    email: EmailText


class LoginGovEndpointPath(Params):
    endpoint: Literal["token"]


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


def _in_clock_years(value: datetime, info: ValidationInfo) -> datetime:
    """A moment the mock's clock could show (its arithmetic stays far from datetime's limits)."""
    try:
        utc: datetime | None = value.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00 is after the last UTC instant
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise ValueError(f"{info.field_name} must fall in {WINDOW_YEARS}, as the clock does")
    return value


# -- Request bodies --------------------------------------------------------------------------------


class NewUserBody(Body):
    """``POST /users``: each field optional, Faker fills the rest."""

    # organization_id and role belong to a request: with either, spot_access must be given,
    # and not none. password and password_hash are one or the other.
    model_config = ConfigDict(
        json_schema_extra={
            "not": {"required": ["password", "password_hash"]},
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
            ],
        }
    )

    user_id: UserIdText | None = None
    password: PasswordText | None = Field(
        default=None,
        description="must meet IDM's password rules (15-60 characters, an upper case letter, a "
        "lower case letter, a number, no part of the User ID or names), which JSON Schema cannot "
        "say; Faker makes one that does",
    )
    password_hash: PasswordHashText | None = Field(
        default=None,
        description="instead of password: the password as IDM stores it, as GET /__admin/state "
        "exports it (Okta's Users API imports hashed passwords the same way)",
    )
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
    mfa_factor: MfaFactor = Field(
        default=MfaFactor.EMAIL,
        description="the factor IDM asks for (with mfa true): email, sms, voice or totp "
        "(Google Authenticator / Okta Verify)",
    )
    mfa_factors: list[MfaFactor] | None = Field(
        default=None,
        min_length=1,
        max_length=4,
        description="several factors: IDM lets the user choose one at sign-in (mfa_factor, "
        "when given, must be among them and is offered first)",
    )
    phone: PhoneText | None = Field(
        default=None, description="for sms and voice codes (Faker fills a 555-01xx number)"
    )
    last_idm_login: AwareDatetime | None = Field(
        default=None, description="ISO 8601, default now; over 60 days ago: PASSWORD_EXPIRED"
    )
    last_spot_login: AwareDatetime | None = Field(
        default=None, description="ISO 8601, default now; over 30 days ago: SPOT_ACCESS_INACTIVE"
    )
    role_certified_at: AwareDatetime | None = Field(
        default=None,
        description="ISO 8601, default now; an approved end user uncertified for over a year "
        "loses the SPOT role",
    )
    suspended: bool = Field(default=False, description="suspended: only the help desk lifts it")
    security_answer: AnswerText | None = Field(
        default=None, description="the answer to the account's security question (Faker fills it)"
    )

    @field_validator("last_idm_login", "last_spot_login", "role_certified_at")
    @classmethod
    def _lifecycle_moment_in_range(
        cls, value: datetime | None, info: ValidationInfo
    ) -> datetime | None:
        return None if value is None else _in_clock_years(value, info)

    @model_validator(mode="after")
    def _factors_agree(self) -> "NewUserBody":
        if (
            self.mfa_factors is not None
            and "mfa_factor" in self.model_fields_set
            and self.mfa_factor not in self.mfa_factors
        ):
            raise ValueError("mfa_factor must be one of mfa_factors")
        return self

    @model_validator(mode="after")
    def _organization_needs_a_request(self) -> "NewUserBody":
        if self.password is not None and self.password_hash is not None:
            raise ValueError("give password or password_hash, not both")
        _only_with_a_request(
            self.spot_access,
            "spot_access",
            organization_id=self.organization_id is not None,
            role="role" in self.model_fields_set,
        )
        return self


def _valid_npi(value: str) -> str:
    if not identifiers.is_valid_npi(value):
        raise ValueError("npi must be 10 digits whose last is the Luhn check digit CMS defines")
    return value


class OrganizationBody(Body):
    """``POST /organizations``: a provider organization (billing provider profile); each field
    optional, Faker and the identifier rules fill the rest."""

    id: OrganizationIdText | None = Field(default=None, examples=["org-demo"])
    business_name: NameText | None = None
    address: AddressText | None = None
    npi: (
        Annotated[
            str,
            StringConstraints(
                pattern=describe_pattern(anchored(NPI_PATTERN), "10 digits"), max_length=10
            ),
            AfterValidator(_valid_npi),
        ]
        | None
    ) = Field(
        default=None,
        examples=["1234567893"],
        description="its last digit the Luhn check digit of 80840 and the first nine (which "
        "JSON Schema cannot say)",
    )
    ptan: Annotated[str, _text(6, PTAN_PATTERN, "6 capital letters or digits")] | None = None
    tin: Annotated[str, _text(9, TIN_PATTERN, "9 digits")] | None = None
    line_of_business: LineOfBusiness | None = None


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
        return _in_clock_years(value, info)


class NewClientBody(Body):
    """An app integration for a team's own relying party (DESIGN.md, "Other relying
    parties"). ``assigned_users``: IDM User IDs (matched without regard to case, and not
    required to exist yet), or ``"everyone"``."""

    redirect_uris: list[UriText] = Field(min_length=1, max_length=URIS_MAX)
    client_type: Literal["confidential", "public"] = "confidential"
    post_logout_redirect_uris: list[UriText] = Field(default=[], max_length=URIS_MAX)
    assigned_users: Literal["everyone"] | list[UserIdText] = Field(
        default="everyone", max_length=ASSIGNED_USERS_MAX
    )
    # Okta's Apps API takes a client's credentials on create and generates what is left out
    # (credentials.oauthClient.client_id and client_secret): a team's app keeps its settings,
    # and a state file (docs/state-files.md) replays the same client.
    client_id: Annotated[str, _text(64, CLIENT_ID_PATTERN, "letters and digits")] | None = Field(
        default=None, description="default: an Okta-shaped id made for it (0oa...)"
    )
    client_secret: (
        Annotated[str, _text(128, CLIENT_SECRET_PATTERN, "14-128 of A-Z a-z 0-9 - _ ~ .")] | None
    ) = Field(default=None, description="confidential clients only; default: one made for it")

    @model_validator(mode="after")
    def _secret_for_confidential(self) -> "NewClientBody":
        if self.client_secret is not None and self.client_type == "public":
            raise ValueError("client_secret is for confidential clients only")
        return self


class FaultBody(Body):
    kind: FaultKind
    message: MessageText | None = None


# How far IDM's clock may run from SPOT's: a year either way.
SKEW_MAX = 366 * 24 * 3600


class IdmFaultBody(Body):
    kind: FaultKind
    seconds: float = Field(
        default=30.0,
        ge=0.05,
        le=120,
        description="how long a slow endpoint takes to answer (default 30)",
    )


class StateQuery(Params):
    format: Literal["json", "toml"] = Field(
        default="json", description="the state file's format (docs/state-files.md)"
    )


class ClockBody(Body):
    """``now`` freezes the mock's clock; ``idm_skew_seconds`` sets how far IDM's runs ahead of
    it (negative: behind). At least one of them."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    # Each may be left out, but not sent as null: the document gives each its type without
    # null, and a null is refused (JSON Schema cannot say "absent or a moment").
    now: Annotated[
        AwareDatetime | None,
        WithJsonSchema(
            {
                "type": "string",
                "format": "date-time",
                "description": f"a moment in the years {EARLIEST.year}-{LATEST.year - 1} in UTC "
                "(which JSON Schema cannot say)",
            }
        ),
    ] = None
    # A float as JSON Schema's "integer" admits -60.0; a whole number is taken (as an int).
    idm_skew_seconds: Annotated[
        float | None,
        Field(ge=-SKEW_MAX, le=SKEW_MAX),
        WithJsonSchema(
            {
                "type": "integer",
                "minimum": -SKEW_MAX,
                "maximum": SKEW_MAX,
                "description": "seconds IDM's clock runs ahead of SPOT's (negative: behind)",
            }
        ),
    ] = None

    @field_validator("now", "idm_skew_seconds", mode="after")
    @classmethod
    def _not_null(cls, value: object, info: ValidationInfo) -> object:
        # Only values sent are validated (a default is not), so None here is an explicit null.
        # "after": a "before" or "wrap" validator would make pydantic read the JSON string as
        # a Python value, which strict mode refuses as a date-time.
        if value is None:
            raise ValueError(f"{info.field_name} must not be null: leave it out instead")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(f"{info.field_name} must be a whole number of seconds")
            return int(value)
        return value

    @model_validator(mode="after")
    def _something(self) -> "ClockBody":
        if self.now is None and self.idm_skew_seconds is None:
            raise ValueError("give now, idm_skew_seconds, or both")
        return self


class NewLoginGovAccountBody(Body):
    """``POST /logingov/accounts``: a Login.gov account; Faker fills what is not given.
    ``verified``: whether the account verified its identity (``urn:acr.login.gov:verified``;
    default true, which IDM asks for)."""

    email: EmailText | None = None
    password: PasswordText | None = None
    verified: bool = True


# What a setting left out of PUT /settings, or sent as null, does (settings.put_settings).
UNCHANGED = "left out or null: stays as it is"


def _setting(description: str, **constraints: Any) -> Any:
    """A field of ``PUT /settings`` (a pydantic Field): optional, and unchanged when absent."""
    return Field(default=None, description=f"{description}; {UNCHANGED}", **constraints)


def _wait(what: str, until_set: str) -> Any:
    """A namespace's wait for one of SPOT's back channels, or its pages' check, in seconds: a
    finite number (the Body's ``allow_inf_nan``), 0.05-60."""
    return _setting(
        f"{what} (a finite number, {TIMEOUT_MIN:g}-{TIMEOUT_MAX:g}; {until_set} until set)",
        ge=TIMEOUT_MIN,
        le=TIMEOUT_MAX,
    )


class SettingsBody(Body):
    cache_traps: bool | None = _setting(
        "whether a browser must clear its cache between logins, as the real portal requires"
    )
    weekly_maintenance: bool | None = _setting(
        "whether the namespace follows SPOT's Wednesday 8-10 p.m. ET maintenance window"
    )
    # IDM's first page (DESIGN.md, "IDM's sign-in page as it is today"): the chooser of IDM's
    # new sign-in experience, or the classic one-step page.
    idm_sign_in: Literal["chooser", "classic"] | None = _setting("IDM's first page")
    # How long SPOT waits for HETS or FISS, and for IDM's back channel, in this namespace (the
    # portal's 1 s and 5 s until set): a test of a "slow" fault sets the minimum, 50 ms.
    backend_timeout: float | None = _wait(
        "seconds SPOT waits for HETS or FISS in this namespace before the feature is unavailable",
        "serve's 1",
    )
    idm_timeout: float | None = _wait(
        "seconds SPOT waits for IDM's /token and /keys in this namespace before log in is "
        "unavailable",
        "serve's 5",
    )
    # How often SPOT's pages ask how long their session has left (1 s until set): a test that
    # moves the clock past the 20-minute warning or the 30-minute log-off sets 0.05.
    session_check_interval: float | None = _wait(
        "seconds between a SPOT page's asks of how long its session has left", "serve's 1"
    )


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
    mfa_factor: MfaFactor
    mfa_factors: list[MfaFactor]
    phone: str | None
    totp_secret: str | None = Field(
        description="base32, for totp users: RFC 6238, 6 digits, 30-second steps, SHA-1"
    )
    last_idm_login: Moment | None
    last_spot_login: Moment | None
    role_certified_at: Moment | None
    password_changed_at: Moment | None
    suspended: bool
    security_question: str
    security_answer: str


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
    idm_skew_seconds: int
    idm_now: Moment


class Mail(Reply):
    to: str = Field(description="an e-mail address, or the phone number for sms and voice")
    subject: str
    body: str
    sent_at: Moment
    channel: Literal["email", "sms", "voice", "logingov"]


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


class RegisteredClient(Reply):
    client_id: str
    client_secret: str | None = Field(description="confidential clients only")
    client_type: Literal["confidential", "public"]
    token_endpoint_auth_method: Literal["client_secret_basic", "none"]
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    assigned_users: Literal["everyone"] | list[str]
    issuer: str
    discovery: str


class IdmFaultState(Reply):
    endpoint: Literal["token", "keys", "userinfo"]
    kind: FaultKind | None
    seconds: float | None


class LoginGovFaultState(Reply):
    endpoint: Literal["token"]
    kind: FaultKind | None
    seconds: float | None


class SigningKey(Reply):
    kid: str
    status: Literal["ACTIVE", "NEXT", "EXPIRED"]


class SigningKeys(Reply):
    keys: list[SigningKey]


class Settings(Reply):
    cache_traps: bool
    release: int
    weekly_maintenance: bool
    idm_sign_in: Literal["chooser", "classic"]
    backend_timeout: float
    idm_timeout: float
    session_check_interval: float


class State(Reply):
    """A state file (docs/state-files.md): each section a list of bodies of one call."""


class Document(Reply):
    openapi: str
    paths: dict[str, Any]


class Error(BaseModel):
    """Every refusal: a stable word and a sentence for people."""

    error: str = Field(description="a stable word, e.g. bad_request")
    reason: str = Field(description="what was wrong, for people")
