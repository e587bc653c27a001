"""The binding's value types: enums mirroring the C ones, errors, and a judgement's parts."""
from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Dict, Iterable, Mapping, Optional, Protocol, Tuple, Type, TypeVar, Union

E = TypeVar("E", bound=enum.Enum)


class Status(enum.IntEnum):
    """wrp_status: why a call could not run (WRP_OK never reaches the caller)."""

    OK = 0
    ARG = 1
    NOMEM = 2
    MALFORMED = 3
    LIMIT = 4
    IO = 5
    CRYPTO = 6
    UNSUPPORTED = 7
    INTERNAL = 8


class _Named(enum.IntEnum):
    """An enum whose str() is the lower-case word the library and the JSON use."""

    def __str__(self) -> str:
        return self.name.lower()


class Verdict(_Named):
    ALLOW = 0
    WARN = 1
    DENY = 2
    ERROR = 3


class Severity(_Named):
    INFO = 0
    WARNING = 1
    ERROR = 2


class Mode(_Named):
    """Overasking policy: ENFORCE denies, WARN gives the verdict warn when overasking is all."""

    ENFORCE = 0
    WARN = 1


class Kind(_Named):
    """The kind of a request: AUTO detects it from the bytes."""

    AUTO = 0
    OPENID4VP = 1
    MDOC = 2


def parse_enum(enum_type: Type[E], value: Union[E, int, str]) -> E:
    """An enum member from a member, its value or its word ("warn", "mdoc", ...)."""
    if isinstance(value, str):
        try:
            return enum_type[value.upper()]
        except KeyError:
            raise ValueError(f"{value!r} is not a {enum_type.__name__}") from None
    return enum_type(value)


def enum_or(enum_type: Type[E], value: int, fallback: E) -> E:
    """The member of value, or fallback for a value this binding does not know (fail closed)."""
    try:
        return enum_type(value)
    except ValueError:
        return fallback


class LoadError(ImportError):
    """libwrpcheck could not be loaded, or is not the ABI this binding was written for."""


class WrpError(Exception):
    """A call that could not run: status is the library's wrp_status, status_text its description,
    detail the library's reason (for configuration inputs), where the binding's argument."""

    status: Union[Status, int]
    status_text: str
    detail: str
    where: Optional[str]

    def __init__(self, status: int, status_text: Optional[str] = None, detail: str = "",
                 where: Optional[str] = None) -> None:
        self.status = _status_or_int(status)
        self.status_text = status_text or getattr(self.status, "name", str(status)).lower()
        self.detail = detail
        self.where = where
        super().__init__(status)

    def __str__(self) -> str:
        text = self.status_text + (f": {self.detail}" if self.detail else "")
        return f"{self.where}: {text}" if self.where else text


def _status_or_int(value: int) -> Union[Status, int]:
    """The Status member of value, or value itself for a status this binding does not know."""
    try:
        return Status(value)
    except ValueError:
        return value


def _path(raw: Optional[str]) -> Optional[Tuple[Any, ...]]:
    return None if raw is None else tuple(json.loads(raw))


@dataclass(frozen=True)
class Finding:
    """One finding: the contract's code name, its severity and message, and where they apply the
    credential query id, credential type, claim path and source (registration_certificate or
    register). code_value is the numeric wrp_code."""

    code: str
    severity: Severity
    message: str
    credential_id: Optional[str] = None
    type: Optional[str] = None
    path: Optional[Tuple[Any, ...]] = None
    source: Optional[str] = None
    code_value: int = 0

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON object of this finding."""
        d = {"code": self.code, "severity": str(self.severity), "message": self.message}
        for name in ("credential_id", "type", "path", "source"):
            value = getattr(self, name)
            if value is not None:
                d[name] = list(value) if name == "path" else value
        return d


@dataclass(frozen=True)
class Requested:
    """One requested item: (credential query or DocRequest, type, claim path) and whether every
    source checked registers it. type is None for a format without types; path () is the whole
    credential."""

    credential_id: str
    format: str
    type: Optional[str]
    path: Tuple[Any, ...]
    registered: bool

    def to_dict(self) -> Dict[str, Any]:
        return {"credential_id": self.credential_id, "format": self.format, "type": self.type,
                "path": list(self.path), "registered": self.registered}


@dataclass(frozen=True)
class SupervisoryAuthority:
    """The supervisory authority (data protection authority) the relying party answers to, where a
    person can complain: its email, phone and uri as the registration certificate names them
    (None when it does not), and members, every string member of the certificate's
    supervisory_authority object, in the certificate's order (read-only)."""

    email: Optional[str] = None
    phone: Optional[str] = None
    uri: Optional[str] = None
    # Left out of the hash (a mapping has none); equality compares it.
    members: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", MappingProxyType(dict(self.members)))

    def __reduce__(self) -> Tuple[Any, ...]:
        # A mappingproxy cannot be pickled or deep-copied: rebuild from a dict.
        return (SupervisoryAuthority, (self.email, self.phone, self.uri, dict(self.members)))

    def to_dict(self) -> Dict[str, str]:
        """The contract's supervisory_authority object."""
        return dict(self.members)


# One language preference list: BCP 47 tags, most preferred first, as one str ("nl-BE,en") or
# as the tags themselves (["nl-BE", "en"]).
Languages = Union[str, Iterable[str]]


class _Lookup(Protocol):
    """What RelyingParty asks for its lookups: the library's choice among the certificate's
    entries of `what` ("purpose" or "service_description") for a language list."""

    def lookup(self, what: str, langs: Languages) -> Optional[Tuple[str, str]]: ...


@dataclass(frozen=True)
class RelyingParty:
    """The relying party as its registration certificate describes it. verified is True only when
    the certificate's signature and provider chain verified; only then may a consent screen show
    it (Result.relying_party is None otherwise). purpose and service_description are (language
    tag, text) pairs in the certificate's order; public_body is None when the certificate does not
    say; entitlements are the URIs or OIDs as written."""

    name: Optional[str]
    identifier: Optional[str]
    verified: bool
    country: Optional[str] = None
    intended_use_id: Optional[str] = None
    purpose: Tuple[Tuple[str, str], ...] = ()
    privacy_policy: Optional[str] = None
    registry_uri: Optional[str] = None
    info_uri: Optional[str] = None
    support_uri: Optional[str] = None
    service_description: Tuple[Tuple[str, str], ...] = ()
    public_body: Optional[bool] = None
    entitlements: Tuple[str, ...] = ()
    supervisory_authority: Optional[SupervisoryAuthority] = None
    # The library's result this was read from, for the lookups below; not part of the value.
    _native: Optional[_Lookup] = field(default=None, compare=False, hash=False, repr=False)

    def purpose_for(self, langs: Languages) -> Optional[Tuple[str, str]]:
        """The (language tag, text) of the purpose to show a user whose languages are langs (BCP
        47 tags, most preferred first: "nl-BE,en" or ["nl-BE", "en"]), as the library chooses it
        (RFC 4647 lookup, contract v1.1 --lang: each tag, then the tag shortened at each '-' from
        the right, case-insensitive; no hit: the first entry; an "en" list never gets "en-GB").
        None when the certificate has no purpose. A list the library refuses raises WrpError
        (Status.MALFORMED or LIMIT, its reason in detail, where "langs"). Made by the binding only:
        a RelyingParty that was pickled, or built by hand, cannot look up (ValueError)."""
        return self._lookup("purpose", langs)

    def service_description_for(self, langs: Languages) -> Optional[Tuple[str, str]]:
        """The (language tag, text) of the service description for langs, chosen as purpose_for
        chooses the purpose (each on its own: the two may be in different languages); None when
        the certificate has none."""
        return self._lookup("service_description", langs)

    def _lookup(self, what: str, langs: Languages) -> Optional[Tuple[str, str]]:
        if self._native is None:
            raise ValueError("this RelyingParty was not read from a result: it has nothing to look up in")
        return self._native.lookup(what, langs)

    def to_dict(self) -> Dict[str, Any]:
        """The contract's relying_party object (the members of contract v1.1 only when set)."""
        d: Dict[str, Any] = {
            "name": self.name, "identifier": self.identifier, "country": self.country,
            "intended_use_id": self.intended_use_id,
            "purpose": [{"lang": lang, "value": value} for lang, value in self.purpose],
            "privacy_policy": self.privacy_policy, "registry_uri": self.registry_uri}
        if self.service_description:
            d["srv_description"] = [{"lang": lang, "value": value}
                                    for lang, value in self.service_description]
        if self.public_body is not None:
            d["public_body"] = self.public_body
        if self.info_uri is not None:
            d["info_uri"] = self.info_uri
        if self.support_uri is not None:
            d["support_uri"] = self.support_uri
        if self.entitlements:
            d["entitlements"] = list(self.entitlements)
        if self.supervisory_authority is not None:
            d["supervisory_authority"] = self.supervisory_authority.to_dict()
        return d


@dataclass(frozen=True)
class Intermediary:
    """The intermediary that signs an intermediated request for the relying party it serves (which
    Result.relying_party describes): its identifier, and its name (the registration
    certificate's, else the access certificate's commonName; None when neither has one)."""

    identifier: str
    name: Optional[str]

    def to_dict(self) -> Dict[str, Any]:
        """The contract's intermediary object."""
        return {"identifier": self.identifier, "name": self.name}


@dataclass(frozen=True)
class AccessCertificate:
    """The access certificate the request carried (its leaf), verified or not: subject and issuer
    (RFC 4514), serial (lowercase hex), validity (RFC 3339 UTC, None when it cannot be
    converted), sha256 (base64url of the DER), and verified: True when its chain reached an anchor
    at the time and no AC_* finding was raised."""

    subject: str
    issuer: str
    serial: str
    not_before: Optional[str]
    not_after: Optional[str]
    sha256: str
    verified: bool

    def to_dict(self) -> Dict[str, Any]:
        """The contract's access_certificate object."""
        return {"subject": self.subject, "issuer": self.issuer, "serial": self.serial,
                "not_before": self.not_before, "not_after": self.not_after, "sha256": self.sha256,
                "verified": self.verified}


@dataclass(frozen=True)
class Display:
    """What a consent screen shows a user in their languages (Verifier.audit(lang=...)): the
    purpose and the service description, each chosen on its own by the library's RFC 4647 lookup
    (RelyingParty.purpose_for, service_description_for); lang is the tag of the chosen purpose as
    the certificate writes it. A member is None when the certificate has no entry for it."""

    lang: Optional[str]
    purpose: Optional[str]
    service_description: Optional[str]

    def to_dict(self) -> Dict[str, Any]:
        """The contract's display object."""
        return {"lang": self.lang, "purpose": self.purpose, "srv_description": self.service_description}


@dataclass(frozen=True)
class ClaimSetOption:
    """One claim set of a credential query (DCQL claim_sets), an alternative the wallet may
    disclose instead of another: the query's id, the index of the claim set in its claim_sets,
    and registered: True when every claim of it is registered."""

    credential_id: str
    option: int
    registered: bool

    def to_dict(self) -> Dict[str, Any]:
        """The contract's object of options.claim_sets."""
        return {"credential_id": self.credential_id, "option": self.option, "registered": self.registered}


@dataclass(frozen=True)
class CredentialSetOption:
    """One option of a credential set (DCQL credential_sets): the index of the set and of the
    option in it, the credential query ids of the option, whether the set is required, and
    registered: True when every credential of the option can be presented within its
    registration, the alternative to offer instead of refusing."""

    set: int
    option: int
    credential_ids: Tuple[str, ...]
    required: bool
    registered: bool

    def to_dict(self) -> Dict[str, Any]:
        """The contract's object of options.credential_sets."""
        return {"set": self.set, "option": self.option, "credential_ids": list(self.credential_ids),
                "required": self.required, "registered": self.registered}


class Result:
    """A judgement, copied out of the library's wrp_result (which is freed at once): it stays
    valid after the verifier is closed."""

    __slots__ = ("verdict", "request_kind", "findings", "requested", "claimed_relying_party",
                 "intermediary", "access_certificate", "display", "claim_sets", "credential_sets",
                 "options", "_lang", "_json", "_log_json")

    verdict: Verdict
    request_kind: Optional[str]
    findings: Tuple[Finding, ...]
    requested: Tuple[Requested, ...]
    claimed_relying_party: Optional[RelyingParty]
    #: The intermediary of an intermediated request (only when the relying party verified), else None.
    intermediary: Optional[Intermediary]
    #: The access certificate the request carried, verified or not; None when it carried none.
    access_certificate: Optional[AccessCertificate]
    #: The purpose and service description in the languages audit(lang=...) gave; None without
    #: lang, and when the relying party is not verified (the JSON's display).
    display: Optional[Display]
    #: Each claim set of each credential query, with whether it is registered (options.claim_sets).
    claim_sets: Tuple[ClaimSetOption, ...]
    #: Each option of each credential set, with whether it is registered (options.credential_sets).
    credential_sets: Tuple[CredentialSetOption, ...]
    #: The JSON's options object as parsed from it, or None when the JSON has none.
    options: Optional[Dict[str, Any]]

    def __init__(self, verdict: Verdict, request_kind: Optional[str], findings: Tuple[Finding, ...],
                 requested: Tuple[Requested, ...], claimed_relying_party: Optional[RelyingParty],
                 json_text: str, intermediary: Optional[Intermediary] = None,
                 access_certificate: Optional[AccessCertificate] = None,
                 display: Optional[Display] = None, claim_sets: Tuple[ClaimSetOption, ...] = (),
                 credential_sets: Tuple[CredentialSetOption, ...] = (),
                 lang: Optional[str] = None, log_json_text: Optional[str] = None) -> None:
        self.verdict = verdict
        self.request_kind = request_kind
        self.findings = findings
        self.requested = requested
        self.claimed_relying_party = claimed_relying_party
        self.intermediary = intermediary
        self.access_certificate = access_certificate
        self.display = display
        self.claim_sets = claim_sets
        self.credential_sets = credential_sets
        self._lang = lang
        self._json = json_text
        self._log_json = log_json_text
        self.options = json.loads(json_text).get("options")

    @property
    def relying_party(self) -> Optional[RelyingParty]:
        """The verified relying party, or None (the JSON's relying_party)."""
        rp = self.claimed_relying_party
        return rp if rp is not None and rp.verified else None

    @property
    def codes(self) -> Tuple[str, ...]:
        """The code names of the findings, in order."""
        return tuple(f.code for f in self.findings)

    def to_json(self) -> str:
        """The library's JSON rendering (the CLI contract's object), exactly."""
        return self._json

    def log_json(self) -> Optional[str]:
        """The library's log record (wrp_result_log_json, SPEC.md 10a), exactly: the EUDI TS10
        Presentation a wallet keeps before the user decides; None for a Result made by hand."""
        return self._log_json

    def to_dict(self) -> Dict[str, Any]:
        """The contract's object, built from the accessors rather than parsed from to_json()."""
        rp = self.relying_party
        im, ac = self.intermediary, self.access_certificate
        d: Dict[str, Any] = {"verdict": str(self.verdict), "request_kind": self.request_kind,
                             "relying_party": rp.to_dict() if rp is not None else None,
                             "intermediary": im.to_dict() if im is not None else None}
        if ac is not None:
            d["access_certificate"] = ac.to_dict()
        if self._lang is not None:
            d["display"] = self.display.to_dict() if self.display is not None else None
        d["findings"] = [f.to_dict() for f in self.findings]
        d["requested"] = [r.to_dict() for r in self.requested]
        if self.options is not None:
            d["options"] = {"claim_sets": [c.to_dict() for c in self.claim_sets],
                            "credential_sets": [c.to_dict() for c in self.credential_sets]}
        return d

    def __repr__(self) -> str:
        return f"<wrpcheck.Result {self.verdict} {list(self.codes)}>"
