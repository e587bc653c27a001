"""wrpcheck: judge a relying party's request to an EUDI wallet before anything is disclosed.

A thin ctypes binding of libwrpcheck (include/wrpcheck.h); nothing is compiled at install time.

    from wrpcheck import Verdict, Verifier
    with Verifier(ac_anchors="ac-int.pem", rc_anchors="rc-root.pem", crls="current.pem",
                  status_lists="sl.jwt", time=1798761600) as v:
        result = v.audit(open("request.jwt", "rb").read(), client_id="x509_san_dns:rp.example.com")
    if result.verdict is Verdict.ALLOW:
        show(result.relying_party.name, result.requested)

The library is loaded on first use from an explicit path: wrpcheck.load(path), else
$WRPCHECK_LIB, else a copy packaged next to this module, else build/ of the source tree.
"""
from ._model import (Finding, Kind, LoadError, Mode, RelyingParty, Requested, Result, Severity,
                     Status, Verdict, WrpError)
from ._native import ABI_VERSION, default_path
from ._verifier import Verifier

__all__ = ["ABI_VERSION", "Finding", "Kind", "LoadError", "Mode", "RelyingParty", "Requested",
           "Result", "Severity", "Status", "Verdict", "Verifier", "WrpError", "abi_version",
           "code_value", "codes", "default_path", "library_version", "load"]


def load(path=None):
    """Loads libwrpcheck (from path, or default_path()) and checks its ABI version; returns its
    path. Called implicitly by Verifier(); call it first to choose the library."""
    from ._native import load as _load
    return _load(path).path


def library_version():
    """The loaded library's version ("MAJOR.MINOR.PATCH")."""
    from ._native import load as _load, text
    return text(_load().wrp_version())


def abi_version():
    """The loaded library's ABI version (equal to ABI_VERSION, or it would not have loaded)."""
    from ._native import load as _load
    return _load().abi_version


def codes():
    """Every finding code the loaded library knows: {contract name: value}, in table order."""
    from ._native import load as _load, text
    lib = _load()
    return {text(lib.wrp_code_str(c)): c
            for c in (lib.wrp_code_at(i) for i in range(lib.wrp_code_count()))}


def code_value(name):
    """The value of the finding code named name ("OVERASK" -> 50); ValueError when unknown."""
    from ._native import load as _load
    value = _load().wrp_code_from_str(name.encode("utf-8"))
    if value == 0:
        raise ValueError(f"{name!r} is not a finding code")
    return value
