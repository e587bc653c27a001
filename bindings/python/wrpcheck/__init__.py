"""wrpcheck: judge a relying party's request to an EUDI wallet before anything is disclosed.

A thin ctypes binding of libwrpcheck (include/wrpcheck.h); nothing is compiled at install time.

    from pathlib import Path
    from wrpcheck import Verdict, Verifier
    with Verifier(ac_anchors=Path("ac-int.pem"), rc_anchors=Path("rc-root.pem"),
                  crls=Path("current.pem"), status_lists=Path("sl.jwt"), time=1798761600) as v:
        result = v.audit(Path("request.jwt"), client_id="x509_san_dns:rp.example.com")
    if result.verdict is Verdict.ALLOW:
        show(result.relying_party.name, result.requested)

Inputs are content (bytes, or str such as a compact JWS) or files (os.PathLike, never a str).
The library is loaded on first use: wrpcheck.load(path) when called first, else the copy bundled
in the package (a wheel carries one), else $WRPCHECK_LIB, else the libdir of
`pkg-config --variable=libdir wrpcheck`, else ctypes.util.find_library("wrpcheck").
"""
from __future__ import annotations

import os
from typing import Dict, Union

from ._model import (AccessCertificate, ClaimSetOption, CredentialSetOption, Display, Finding,
                     Intermediary, Kind, Languages, LoadError, Mode, RelyingParty, Requested, Result,
                     Severity, Status, SupervisoryAuthority, Verdict, WrpError)
from ._native import ABI_VERSION, bundled_path, default_path
from ._verifier import Input, Inputs, Verifier

__all__ = ["ABI_VERSION", "AccessCertificate", "ClaimSetOption", "CredentialSetOption", "Display",
           "Finding", "Input", "Inputs", "Intermediary", "Kind", "Languages", "LoadError", "Mode",
           "RelyingParty", "Requested", "Result", "Severity", "Status", "SupervisoryAuthority",
           "Verdict", "Verifier", "WrpError",
           "abi_version", "bundled_path", "code_value", "codes", "default_path",
           "library_version", "load"]


def load(path: Union[str, os.PathLike[str], None] = None) -> str:
    """Loads libwrpcheck (from path, or default_path()) and checks its ABI version; returns its
    path. Called implicitly by Verifier(); call it first to choose the library."""
    from ._native import load as _load
    return _load(path).path


def library_version() -> str:
    """The loaded library's version ("MAJOR.MINOR.PATCH")."""
    from ._native import load as _load, text
    return text(_load().wrp_version()) or ""


def abi_version() -> int:
    """The loaded library's ABI version (equal to ABI_VERSION, or it would not have loaded)."""
    from ._native import load as _load
    return _load().abi_version


def codes() -> Dict[str, int]:
    """Every finding code the loaded library knows: {contract name: value}, in table order."""
    from ._native import load as _load, text
    lib = _load()
    return {text(lib.wrp_code_str(c)) or "": c
            for c in (lib.wrp_code_at(i) for i in range(lib.wrp_code_count()))}


def code_value(name: str) -> int:
    """The value of the finding code named name ("OVERASK" -> 50); ValueError when unknown."""
    from ._native import load as _load
    value: int = _load().wrp_code_from_str(name.encode("utf-8"))
    if value == 0:
        raise ValueError(f"{name!r} is not a finding code")
    return value
