"""Verifier: a configured, immutable libwrpcheck verifier context, and the judgements it makes.

Every input (anchors, CRLs, status lists, register, a request, a transcript, a registration
certificate, a chain) is its content or a file: bytes, bytearray, memoryview and str are the
content itself (a str is encoded as UTF-8, whatever it looks like), an os.PathLike
(pathlib.Path) names a file to read. A str is never taken for a file name.
"""
from __future__ import annotations

import ctypes
import os
import threading
import time as _time
import weakref
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, List, Optional, Tuple, Union

from . import _native
from ._model import (AccessCertificate, ClaimSetOption, CredentialSetOption, Display, Finding,
                     Intermediary, Kind, Languages, Mode, RelyingParty, Requested, Result, Severity,
                     Status, SupervisoryAuthority, Verdict, WrpError, enum_or, parse_enum, _path)

_text = _native.text

# One input: its content (bytes-like, or str as UTF-8) or a file to read (os.PathLike).
Input = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]
# A configuration input: one input, or several.
Inputs = Union[Input, Iterable[Input]]
_CONTENT = (bytes, bytearray, memoryview, str)


def _str(raw: Optional[bytes]) -> str:
    """A string the header promises is never NULL (a code's name, a message, a path)."""
    return _text(raw) or ""


def _items(value: Optional[Inputs]) -> List[Any]:
    """None, one input, or an iterable of inputs -> a list of inputs."""
    if value is None:
        return []
    if isinstance(value, (*_CONTENT, os.PathLike)):
        return [value]
    return list(value)


def _read(item: Any, where: str, lib: _native.Library) -> bytes:
    """The content given (bytes-like as is, str as UTF-8), or the contents of the file an
    os.PathLike names; anything else is a TypeError."""
    if isinstance(item, str):
        return item.encode("utf-8")
    if isinstance(item, (bytes, bytearray, memoryview)):
        return bytes(item)
    if not isinstance(item, os.PathLike):
        raise TypeError(f"{where}: expected bytes, str or an os.PathLike, got {type(item).__name__}")
    name = os.fspath(item)
    if not isinstance(name, str):
        name = os.fsdecode(name)
    limit = lib.wrp_max_input_bytes()
    try:
        with open(item, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise WrpError(Status.IO, None, f"cannot read {name}: {e.strerror}", where) from e
    if len(data) > limit:
        raise WrpError(Status.LIMIT, None, f"{name} is larger than {limit} bytes", where)
    return data


def _cstr(value: Optional[str], where: str) -> Optional[bytes]:
    if value is None:
        return None
    if not isinstance(value, str) or "\0" in value:
        raise ValueError(f"{where}: expected a string without NUL characters")
    return value.encode("utf-8")


def _languages(value: Languages, where: str) -> str:
    """A language list as the library takes it: a str as it is, the tags of an iterable of str
    joined with commas. The library checks it (WrpError with its reason)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{where}: expected a str or an iterable of str, got {type(value).__name__}")
    tags = list(value)
    if not all(isinstance(t, str) for t in tags):
        raise TypeError(f"{where}: expected a str or an iterable of str")
    return ",".join(tags)


def _check_languages(lib: _native.Library, langs: bytes, where: str) -> None:
    """Refuses a language list the library refuses, with its reason: the check of
    wrp_request_set_lang, made on a request of its own (the lookups give no reason)."""
    rq = lib.wrp_request_new()
    if not rq:
        raise WrpError(Status.NOMEM)
    try:
        lib.wrp_request_set_lang(rq, langs)
    except WrpError as e:
        e.where = where
        raise
    finally:
        lib.wrp_request_free(rq)


class _NativeResult:
    """The library's wrp_result, kept after everything was copied out of it, for the lookups of
    RelyingParty.purpose_for and service_description_for: the library's RFC 4647 lookup runs on
    the result that read the certificate. Freed once the last RelyingParty holding it is gone (at
    once when the result has none). It never changes: copies share it and threads may look up at
    the same time. Pickling leaves it behind (it is the library's memory): an unpickled
    RelyingParty keeps its fields but cannot look up."""

    __slots__ = ("_lib", "_r", "__weakref__")

    def __init__(self, lib: Optional[_native.Library], r: Any) -> None:
        self._lib, self._r = lib, r
        if lib is not None and r:
            weakref.finalize(self, lib.wrp_result_free, r)

    def lookup(self, what: str, langs: Languages) -> Optional[Tuple[str, str]]:
        """The (tag, text) of the entry of `what` ("purpose" or "service_description") the
        library's lookup chooses for langs; None when the certificate has no entry."""
        lib, r = self._lib, self._r
        if lib is None or not r:
            raise ValueError("this RelyingParty was unpickled: the library's result it was read from "
                             "did not come along, so it cannot look up")
        text = _cstr(_languages(langs, "langs"), "langs")
        assert text is not None  # the bytes of a str
        i = getattr(lib, f"wrp_result_rp_{what}_lookup")(r, text)
        if i == _native.SIZE_MAX:
            _check_languages(lib, text, "langs")  # raises for a list the library refuses
            return None
        return (_str(getattr(lib, f"wrp_result_rp_{what}_lang")(r, i)),
                _str(getattr(lib, f"wrp_result_rp_{what}_text")(r, i)))

    def __copy__(self) -> _NativeResult:
        return self

    def __deepcopy__(self, memo: Any) -> _NativeResult:
        return self

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_NativeResult, (None, None))


class _Handle:
    """A native handle shared by concurrent calls; close() waits for them and frees it once."""

    def __init__(self, handle: Any, free: Callable[[Any], None]) -> None:
        self._handle, self._free = handle, free
        self._users = 0
        self._cv = threading.Condition()

    @contextmanager
    def use(self) -> Iterator[Any]:
        with self._cv:
            if self._handle is None:
                raise ValueError("the verifier is closed")
            self._users += 1
            handle = self._handle
        try:
            yield handle
        finally:
            with self._cv:
                self._users -= 1
                self._cv.notify_all()

    def close(self) -> None:
        with self._cv:
            while self._users:
                self._cv.wait()
            handle, self._handle = self._handle, None
        if handle is not None:
            self._free(handle)


_CONFIG_INPUTS = (
    ("ac_anchors", "wrp_config_add_ac_anchors"),
    ("rc_anchors", "wrp_config_add_rc_anchors"),
    ("status_lists", "wrp_config_add_status_list"),
    ("crls", "wrp_config_add_crl"),
    ("register", "wrp_config_add_register"),
    ("register_anchors", "wrp_config_add_register_anchors"),
)


class Verifier:
    """An immutable verifier context: trust anchors, revocation data, register, policy and time.

    Each input is its content (bytes, or str as UTF-8), a file (os.PathLike, e.g. pathlib.Path),
    or a list of them; a str is never a file name. time is Unix seconds; when None the clock is
    read once, here: a verifier judges at the time it was built, so build a new one when the time
    matters. Safe to share across threads; close() (or a with block) frees it. Raises WrpError
    when an input cannot be used (its status and the library's reason).
    """

    time: int

    def __init__(self, *, ac_anchors: Optional[Inputs] = None, rc_anchors: Optional[Inputs] = None,
                 status_lists: Optional[Inputs] = None, crls: Optional[Inputs] = None,
                 register: Optional[Inputs] = None, register_anchors: Optional[Inputs] = None,
                 mode: Union[Mode, int, str] = Mode.ENFORCE, time: Optional[int] = None,
                 revocation: bool = True,
                 transaction_data_types: Union[str, Iterable[str], None] = None,
                 require_ac_policy: bool = False) -> None:
        lib = self._lib = _native.load()
        inputs = {"ac_anchors": ac_anchors, "rc_anchors": rc_anchors, "status_lists": status_lists,
                  "crls": crls, "register": register, "register_anchors": register_anchors}
        mode = parse_enum(Mode, mode)
        when = int(_time.time()) if time is None else int(time)
        types = [_cstr(t, "transaction_data_types") for t in _items(transaction_data_types)]
        cfg = lib.wrp_config_new()
        if not cfg:
            raise WrpError(Status.NOMEM)
        try:
            lib.wrp_config_set_time(cfg, when)
            lib.wrp_config_set_revocation(cfg, 1 if revocation else 0)
            lib.wrp_config_set_require_ac_policy(cfg, 1 if require_ac_policy else 0)
            lib.wrp_config_set_mode(cfg, mode.value)
            for t in types:
                lib.wrp_config_add_transaction_data_type(cfg, t)
            for name, fn in _CONFIG_INPUTS:
                for i, item in enumerate(_items(inputs[name])):
                    where = f"{name}[{i}]"
                    data = _read(item, where, lib)
                    try:
                        getattr(lib, fn)(cfg, data, len(data))
                    except WrpError as e:
                        e.where = where
                        raise
            handle = _native.VERIFIER_P()
            lib.wrp_verifier_new(cfg, ctypes.byref(handle))
        finally:
            lib.wrp_config_free(cfg)
        self.time = when
        self._handle = _Handle(handle, lib.wrp_verifier_free)
        self._finalizer = weakref.finalize(self, self._handle.close)

    def audit(self, request: Input, transcript: Optional[Input] = None,
              client_id: Optional[str] = None, origin: Optional[str] = None,
              registration: Optional[Input] = None,
              kind: Union[Kind, int, str, None] = None,
              disclosure_policies: Optional[Inputs] = None,
              lang: Optional[Languages] = None) -> Result:
        """Judges a request: an OpenID4VP Request Object, JSON request or DC API envelope, or an
        ISO 18013-5 DeviceRequest; its content (bytes, or a str such as a compact JWS) or a file
        (os.PathLike). transcript: the SessionTranscript; client_id and origin: what the wallet
        saw outside the request; registration: a registration certificate held out of band
        (content or file, as request); kind: None/"auto", "openid4vp" or "mdoc";
        disclosure_policies: the embedded disclosure policies (JSON, SPEC.md 8a) of the
        credentials the wallet holds, one or a list, each content or a file; one the library
        refuses raises WrpError with its reason and where ("disclosure_policies[i]");
        lang: the user's languages, BCP 47 tags most preferred first ("nl-BE,en", or the tags as
        a list), which give the Result its display (contract v1.1 --lang); a list the library
        refuses raises WrpError (Status.MALFORMED or LIMIT) with its reason and where "lang".
        A deny is a Result, not an exception."""
        lib = self._lib
        data = _read(request, "request", lib)
        langs = _languages(lang, "lang") if lang is not None else None
        rq = lib.wrp_request_new()
        if not rq:
            raise WrpError(Status.NOMEM)
        try:
            if client_id is not None:
                lib.wrp_request_set_client_id(rq, _cstr(client_id, "client_id"))
            if origin is not None:
                lib.wrp_request_set_origin(rq, _cstr(origin, "origin"))
            for value, setter, where in ((transcript, lib.wrp_request_set_transcript, "transcript"),
                                         (registration, lib.wrp_request_set_registration, "registration")):
                if value is not None:
                    blob = _read(value, where, lib)
                    setter(rq, blob, len(blob))
            lib.wrp_request_set_kind(rq, parse_enum(Kind, kind if kind is not None else Kind.AUTO).value)
            for i, item in enumerate(_items(disclosure_policies)):
                where = f"disclosure_policies[{i}]"
                policy = _read(item, where, lib)
                try:
                    lib.wrp_request_add_disclosure_policy(rq, policy, len(policy))
                except WrpError as e:
                    e.where = where
                    raise
            if langs is not None:
                try:
                    lib.wrp_request_set_lang(rq, _cstr(langs, "lang"))
                except WrpError as e:
                    e.where = "lang"
                    raise
            out = _native.RESULT_P()
            with self._handle.use() as v:
                lib.wrp_audit(v, rq, data, len(data), ctypes.byref(out))
        finally:
            lib.wrp_request_free(rq)
        return _take_result(lib, out, langs)

    def check_registration(self, certificate: Input, ac_chain: Optional[Input] = None,
                           for_request: bool = False) -> Result:
        """Verifies a registration certificate on its own, bound to the access certificate chain
        ac_chain (PEM leaf first, or DER) when given; each is content (bytes or str) or a file
        (os.PathLike)."""
        lib = self._lib
        rc = _read(certificate, "certificate", lib)
        chain = _read(ac_chain, "ac_chain", lib) if ac_chain is not None else None
        out = _native.RESULT_P()
        with self._handle.use() as v:
            lib.wrp_check_registration(v, rc, len(rc), chain, len(chain) if chain is not None else 0,
                                       1 if for_request else 0, ctypes.byref(out))
        return _take_result(lib, out)

    def close(self) -> None:
        """Frees the native context (after calls in progress); further calls raise ValueError."""
        self._finalizer()

    def __enter__(self) -> Verifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _take_result(lib: _native.Library, r: Any, langs: Optional[str] = None) -> Result:
    """Copies everything out of a wrp_result; it is freed with the last RelyingParty that keeps it
    for its lookups, or at once. langs: the language list the request gave (the display's)."""
    native = _NativeResult(lib, r)
    json_text = _text(lib.wrp_result_json(r))
    log_text = _text(lib.wrp_result_log_json(r))
    if json_text is None or log_text is None:
        raise WrpError(Status.NOMEM)
    rp = _relying_party(lib, r, native)
    return Result(enum_or(Verdict, lib.wrp_result_verdict(r), Verdict.ERROR),
                  _text(lib.wrp_result_request_kind(r)), _findings(lib, r), _requested(lib, r),
                  rp, json_text, intermediary=_intermediary(lib, r),
                  access_certificate=_access_certificate(lib, r), display=_display(rp, langs),
                  claim_sets=_claim_sets(lib, r), credential_sets=_credential_sets(lib, r), lang=langs,
                  log_json_text=log_text)


def _findings(lib: _native.Library, r: Any) -> Tuple[Finding, ...]:
    out: List[Finding] = []
    for i in range(lib.wrp_result_finding_count(r)):
        code = lib.wrp_result_finding_code(r, i)
        out.append(Finding(
            code=_str(lib.wrp_code_str(code)),
            severity=enum_or(Severity, lib.wrp_result_finding_severity(r, i), Severity.ERROR),
            message=_str(lib.wrp_result_finding_message(r, i)),
            credential_id=_text(lib.wrp_result_finding_credential_id(r, i)),
            type=_text(lib.wrp_result_finding_type(r, i)),
            path=_path(_text(lib.wrp_result_finding_path(r, i))),
            source=_text(lib.wrp_result_finding_source(r, i)),
            code_value=code))
    return tuple(out)


def _requested(lib: _native.Library, r: Any) -> Tuple[Requested, ...]:
    return tuple(Requested(
        credential_id=_str(lib.wrp_result_requested_credential_id(r, i)),
        format=_str(lib.wrp_result_requested_format(r, i)),
        type=_text(lib.wrp_result_requested_type(r, i)),
        path=_path(_text(lib.wrp_result_requested_path(r, i))) or (),
        registered=lib.wrp_result_requested_registered(r, i) != 0)
        for i in range(lib.wrp_result_requested_count(r)))


def _texts(lib: _native.Library, r: Any, what: str) -> Tuple[Tuple[str, str], ...]:
    """The (language tag, text) pairs of wrp_result_rp_WHAT_count/_lang/_text."""
    count, lang, text = (getattr(lib, f"wrp_result_rp_{what}_{part}") for part in ("count", "lang", "text"))
    return tuple((_str(lang(r, i)), _str(text(r, i))) for i in range(count(r)))


def _supervisory_authority(lib: _native.Library, r: Any) -> Optional[SupervisoryAuthority]:
    count = lib.wrp_result_rp_supervisory_authority_count(r)
    if count == 0:
        return None
    members = {_str(lib.wrp_result_rp_supervisory_authority_key(r, i)):
               _str(lib.wrp_result_rp_supervisory_authority_value(r, i)) for i in range(count)}
    email, phone, uri = (_text(lib.wrp_result_rp_supervisory_authority(r, key))
                         for key in (b"email", b"phone", b"uri"))
    return SupervisoryAuthority(email=email, phone=phone, uri=uri, members=members)


def _relying_party(lib: _native.Library, r: Any, native: _NativeResult) -> Optional[RelyingParty]:
    name, identifier = _text(lib.wrp_result_rp_name(r)), _text(lib.wrp_result_rp_identifier(r))
    verified = lib.wrp_result_rp_verified(r) != 0
    if not verified and name is None and identifier is None:
        return None
    public_body = lib.wrp_result_rp_public_body(r)
    return RelyingParty(
        name=name, identifier=identifier, verified=verified,
        country=_text(lib.wrp_result_rp_country(r)),
        intended_use_id=_text(lib.wrp_result_rp_intended_use(r)),
        purpose=_texts(lib, r, "purpose"),
        privacy_policy=_text(lib.wrp_result_rp_privacy_policy(r)),
        registry_uri=_text(lib.wrp_result_rp_registry_uri(r)),
        info_uri=_text(lib.wrp_result_rp_info_uri(r)),
        support_uri=_text(lib.wrp_result_rp_support_uri(r)),
        service_description=_texts(lib, r, "service_description"),
        public_body=None if public_body < 0 else public_body == 1,
        entitlements=tuple(_str(lib.wrp_result_rp_entitlement(r, i))
                           for i in range(lib.wrp_result_rp_entitlement_count(r))),
        supervisory_authority=_supervisory_authority(lib, r), _native=native)


def _display(rp: Optional[RelyingParty], langs: Optional[str]) -> Optional[Display]:
    """The JSON's display: the lookups for the request's languages, when the relying party verified."""
    if langs is None or rp is None or not rp.verified:
        return None
    purpose, description = rp.purpose_for(langs), rp.service_description_for(langs)
    return Display(lang=purpose[0] if purpose is not None else None,
                   purpose=purpose[1] if purpose is not None else None,
                   service_description=description[1] if description is not None else None)


def _claim_sets(lib: _native.Library, r: Any) -> Tuple[ClaimSetOption, ...]:
    return tuple(ClaimSetOption(
        credential_id=_str(lib.wrp_result_claim_set_credential_id(r, i)),
        option=lib.wrp_result_claim_set_option(r, i),
        registered=lib.wrp_result_claim_set_registered(r, i) != 0)
        for i in range(lib.wrp_result_claim_set_count(r)))


def _credential_sets(lib: _native.Library, r: Any) -> Tuple[CredentialSetOption, ...]:
    return tuple(CredentialSetOption(
        set=lib.wrp_result_credential_set_set(r, i),
        option=lib.wrp_result_credential_set_option(r, i),
        credential_ids=tuple(_str(lib.wrp_result_credential_set_credential_id(r, i, k))
                             for k in range(lib.wrp_result_credential_set_credential_count(r, i))),
        required=lib.wrp_result_credential_set_required(r, i) != 0,
        registered=lib.wrp_result_credential_set_registered(r, i) != 0)
        for i in range(lib.wrp_result_credential_set_count(r)))


def _intermediary(lib: _native.Library, r: Any) -> Optional[Intermediary]:
    identifier = _text(lib.wrp_result_intermediary_identifier(r))
    if identifier is None:
        return None
    return Intermediary(identifier=identifier, name=_text(lib.wrp_result_intermediary_name(r)))


def _access_certificate(lib: _native.Library, r: Any) -> Optional[AccessCertificate]:
    sha256 = _text(lib.wrp_result_ac_sha256(r))
    if sha256 is None:
        return None
    return AccessCertificate(
        subject=_str(lib.wrp_result_ac_subject(r)), issuer=_str(lib.wrp_result_ac_issuer(r)),
        serial=_str(lib.wrp_result_ac_serial(r)), not_before=_text(lib.wrp_result_ac_not_before(r)),
        not_after=_text(lib.wrp_result_ac_not_after(r)), sha256=sha256,
        verified=lib.wrp_result_ac_verified(r) != 0)
