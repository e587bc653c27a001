"""Loading libwrpcheck and declaring every C function the binding calls.

Where the library comes from, first found wins: the path given to load(); else the copy bundled in
the package (a wheel built by setup.py carries one); else, for a package without one, the
WRPCHECK_LIB environment variable, then the libdir that `pkg-config --variable=libdir wrpcheck`
names, then ctypes.util.find_library("wrpcheck"). Its ABI version is compared with ABI_VERSION
before anything else is declared.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import threading
from ctypes import POINTER, c_char_p, c_int, c_int64, c_size_t, c_uint
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Tuple, Type, Union

from ._model import LoadError, Severity, Status, Verdict, WrpError

# WRP_ABI_VERSION of the include/wrpcheck.h this module was written against.
ABI_VERSION = 1


class Config(ctypes.Structure):
    """wrp_config (opaque)."""


class VerifierHandle(ctypes.Structure):
    """wrp_verifier (opaque)."""


class Request(ctypes.Structure):
    """wrp_request (opaque)."""


class ResultHandle(ctypes.Structure):
    """wrp_result (opaque)."""


CONFIG_P = POINTER(Config)
VERIFIER_P = POINTER(VerifierHandle)
REQUEST_P = POINTER(Request)
RESULT_P = POINTER(ResultHandle)

# Marks a function returning wrp_status: restype c_int, checked by _check_status.
STATUS: Any = object()
# SIZE_MAX, which the lookups and the alternatives' indexes give for "none".
SIZE_MAX = c_size_t(-1).value
_bytes = c_char_p  # const uint8_t *, always passed with its length

# (name, restype, argtypes) of every function used; enums are C ints.
PROTOTYPES: Tuple[Tuple[str, Any, Tuple[Any, ...]], ...] = (
    ("wrp_version", c_char_p, ()),
    ("wrp_max_input_bytes", c_size_t, ()),
    ("wrp_status_str", c_char_p, (c_int,)),
    ("wrp_code_count", c_size_t, ()),
    ("wrp_code_at", c_int, (c_size_t,)),
    ("wrp_code_str", c_char_p, (c_int,)),
    ("wrp_code_from_str", c_int, (c_char_p,)),
    ("wrp_severity_str", c_char_p, (c_int,)),
    ("wrp_verdict_str", c_char_p, (c_int,)),
    ("wrp_config_new", CONFIG_P, ()),
    ("wrp_config_free", None, (CONFIG_P,)),
    ("wrp_config_add_ac_anchors", STATUS, (CONFIG_P, _bytes, c_size_t)),
    ("wrp_config_add_rc_anchors", STATUS, (CONFIG_P, _bytes, c_size_t)),
    ("wrp_config_add_crl", STATUS, (CONFIG_P, _bytes, c_size_t)),
    ("wrp_config_add_status_list", STATUS, (CONFIG_P, _bytes, c_size_t)),
    ("wrp_config_add_register", STATUS, (CONFIG_P, _bytes, c_size_t)),
    ("wrp_config_add_register_anchors", STATUS, (CONFIG_P, _bytes, c_size_t)),
    ("wrp_config_set_time", None, (CONFIG_P, c_int64)),
    ("wrp_config_set_revocation", None, (CONFIG_P, c_int)),
    ("wrp_config_set_require_ac_policy", None, (CONFIG_P, c_int)),
    ("wrp_config_set_mode", None, (CONFIG_P, c_int)),
    ("wrp_config_add_transaction_data_type", STATUS, (CONFIG_P, c_char_p)),
    ("wrp_config_last_error", c_char_p, (CONFIG_P,)),
    ("wrp_verifier_new", STATUS, (CONFIG_P, POINTER(VERIFIER_P))),
    ("wrp_verifier_free", None, (VERIFIER_P,)),
    ("wrp_check_registration", STATUS,
     (VERIFIER_P, _bytes, c_size_t, _bytes, c_size_t, c_int, POINTER(RESULT_P))),
    ("wrp_detect_kind", c_int, (_bytes, c_size_t)),
    ("wrp_request_new", REQUEST_P, ()),
    ("wrp_request_free", None, (REQUEST_P,)),
    ("wrp_request_set_client_id", STATUS, (REQUEST_P, c_char_p)),
    ("wrp_request_set_origin", STATUS, (REQUEST_P, c_char_p)),
    ("wrp_request_set_transcript", STATUS, (REQUEST_P, _bytes, c_size_t)),
    ("wrp_request_set_registration", STATUS, (REQUEST_P, _bytes, c_size_t)),
    ("wrp_request_set_kind", None, (REQUEST_P, c_int)),
    ("wrp_request_add_disclosure_policy", STATUS, (REQUEST_P, _bytes, c_size_t)),
    ("wrp_request_set_lang", STATUS, (REQUEST_P, c_char_p)),
    ("wrp_request_last_error", c_char_p, (REQUEST_P,)),
    ("wrp_audit", STATUS, (VERIFIER_P, REQUEST_P, _bytes, c_size_t, POINTER(RESULT_P))),
    ("wrp_result_verdict", c_int, (RESULT_P,)),
    ("wrp_result_request_kind", c_char_p, (RESULT_P,)),
    ("wrp_result_finding_count", c_size_t, (RESULT_P,)),
    ("wrp_result_finding_code", c_int, (RESULT_P, c_size_t)),
    ("wrp_result_finding_severity", c_int, (RESULT_P, c_size_t)),
    ("wrp_result_finding_message", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_finding_credential_id", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_finding_type", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_finding_path", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_finding_source", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_requested_count", c_size_t, (RESULT_P,)),
    ("wrp_result_requested_credential_id", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_requested_format", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_requested_type", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_requested_path", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_requested_registered", c_int, (RESULT_P, c_size_t)),
    ("wrp_result_rp_name", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_identifier", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_verified", c_int, (RESULT_P,)),
    ("wrp_result_rp_country", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_intended_use", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_privacy_policy", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_registry_uri", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_info_uri", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_support_uri", c_char_p, (RESULT_P,)),
    ("wrp_result_rp_purpose_count", c_size_t, (RESULT_P,)),
    ("wrp_result_rp_purpose_lang", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_rp_purpose_text", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_rp_service_description_count", c_size_t, (RESULT_P,)),
    ("wrp_result_rp_service_description_lang", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_rp_service_description_text", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_rp_purpose_lookup", c_size_t, (RESULT_P, c_char_p)),
    ("wrp_result_rp_service_description_lookup", c_size_t, (RESULT_P, c_char_p)),
    ("wrp_result_rp_public_body", c_int, (RESULT_P,)),
    ("wrp_result_rp_entitlement_count", c_size_t, (RESULT_P,)),
    ("wrp_result_rp_entitlement", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_rp_supervisory_authority", c_char_p, (RESULT_P, c_char_p)),
    ("wrp_result_rp_supervisory_authority_count", c_size_t, (RESULT_P,)),
    ("wrp_result_rp_supervisory_authority_key", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_rp_supervisory_authority_value", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_intermediary_identifier", c_char_p, (RESULT_P,)),
    ("wrp_result_intermediary_name", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_subject", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_issuer", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_serial", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_not_before", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_not_after", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_sha256", c_char_p, (RESULT_P,)),
    ("wrp_result_ac_verified", c_int, (RESULT_P,)),
    ("wrp_result_claim_set_count", c_size_t, (RESULT_P,)),
    ("wrp_result_claim_set_credential_id", c_char_p, (RESULT_P, c_size_t)),
    ("wrp_result_claim_set_option", c_size_t, (RESULT_P, c_size_t)),
    ("wrp_result_claim_set_registered", c_int, (RESULT_P, c_size_t)),
    ("wrp_result_credential_set_count", c_size_t, (RESULT_P,)),
    ("wrp_result_credential_set_set", c_size_t, (RESULT_P, c_size_t)),
    ("wrp_result_credential_set_option", c_size_t, (RESULT_P, c_size_t)),
    ("wrp_result_credential_set_credential_count", c_size_t, (RESULT_P, c_size_t)),
    ("wrp_result_credential_set_credential_id", c_char_p, (RESULT_P, c_size_t, c_size_t)),
    ("wrp_result_credential_set_required", c_int, (RESULT_P, c_size_t)),
    ("wrp_result_credential_set_registered", c_int, (RESULT_P, c_size_t)),
    ("wrp_result_json", c_char_p, (RESULT_P,)),
    ("wrp_result_log_json", c_char_p, (RESULT_P,)),
    ("wrp_result_free", None, (RESULT_P,)),
)


def text(raw: Optional[bytes]) -> Optional[str]:
    """A string the library returned (bytes owned by the library object, copied by ctypes)."""
    return None if raw is None else raw.decode("utf-8", "replace")


class Library:
    """The loaded library: one attribute per function of PROTOTYPES."""

    path: str
    abi_version: int

    def __init__(self, path: Union[str, os.PathLike[str]], abi: int = ABI_VERSION) -> None:
        self.path = os.fspath(path)
        try:
            self._dll = ctypes.CDLL(self.path)
            abi_fn = self._dll.wrp_abi_version
        except (OSError, AttributeError) as e:
            raise LoadError(f"cannot load libwrpcheck from {self.path}: {e}") from e
        abi_fn.restype, abi_fn.argtypes = c_uint, ()
        found = abi_fn()
        if found != abi:
            raise LoadError(f"{self.path} has ABI version {found}; this binding needs {abi}")
        self.abi_version = found
        for name, restype, argtypes in PROTOTYPES:
            self._declare(name, restype, argtypes)
        self._check_enums()

    if TYPE_CHECKING:
        # The functions of PROTOTYPES, set by _declare.
        def __getattr__(self, name: str) -> Any: ...

    def _declare(self, name: str, restype: Any, argtypes: Tuple[Any, ...]) -> None:
        try:
            fn = getattr(self._dll, name)
        except AttributeError as e:
            raise LoadError(f"{self.path} lacks {name}: not the library this binding was written for") from e
        fn.argtypes = argtypes
        if restype is STATUS:
            fn.restype, fn.errcheck = c_int, self._check_status
        else:
            fn.restype = restype
        setattr(self, name, fn)

    def _check_enums(self) -> None:
        """The enums mirrored in _model must name what the library names."""
        pairs: Tuple[Tuple[Type[Any], Callable[[int], Optional[bytes]]], ...] = (
            (Verdict, self.wrp_verdict_str), (Severity, self.wrp_severity_str))
        for enum, to_str in pairs:
            for member in enum:
                if text(to_str(member.value)) != str(member):
                    raise LoadError(f"{self.path}: {enum.__name__}.{member.name} is not {member.value}")
        for status in Status:
            if text(self.wrp_status_str(status.value)) == "unknown status":
                raise LoadError(f"{self.path} does not know status {status.value}")

    def _check_status(self, status: int, fn: Any, args: Tuple[Any, ...]) -> int:
        """errcheck of every wrp_status function: the one place a status becomes an exception."""
        if status == Status.OK:
            return status
        detail = ""
        if fn.__name__.startswith("wrp_config_add"):
            detail = text(self.wrp_config_last_error(args[0])) or ""
        elif fn.__name__.startswith("wrp_request_add") or fn.__name__ == "wrp_request_set_lang":
            detail = text(self.wrp_request_last_error(args[0])) or ""
        raise WrpError(status, text(self.wrp_status_str(status)), detail)


_lock = threading.Lock()
_loaded: Optional[Library] = None


def _lib_name() -> str:
    if sys.platform == "darwin":
        return "libwrpcheck.dylib"
    if sys.platform == "win32":
        return "wrpcheck.dll"
    return "libwrpcheck.so"


def bundled_path() -> Path:
    """Where a wheel puts its copy of the library: next to this module."""
    return Path(__file__).resolve().parent / _lib_name()


def _pkg_config_library() -> Tuple[Optional[Path], str]:
    """The library in the libdir that pkg-config names for wrpcheck, or (None, why not)."""
    tool = shutil.which(os.environ.get("PKG_CONFIG") or "pkg-config")
    if tool is None:
        return None, "pkg-config is not installed"
    try:
        run = subprocess.run([tool, "--variable=libdir", "wrpcheck"], capture_output=True,
                             text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        return None, f"pkg-config failed: {e}"
    libdir = run.stdout.strip()
    if run.returncode != 0 or not libdir:
        return None, "pkg-config knows no wrpcheck"
    candidate = Path(libdir) / _lib_name()
    if not candidate.exists():
        return None, f"{candidate} does not exist"
    return candidate, ""


def default_path() -> str:
    """The library load() takes when given no path: the bundled copy; else $WRPCHECK_LIB; else
    the library in the libdir of `pkg-config --variable=libdir wrpcheck`; else the name
    ctypes.util.find_library("wrpcheck") gives. Raises LoadError naming the places looked at."""
    bundled = bundled_path()
    if bundled.exists():
        return str(bundled)
    env = os.environ.get("WRPCHECK_LIB")
    if env:
        return env
    from_pkg_config, why = _pkg_config_library()
    if from_pkg_config is not None:
        return str(from_pkg_config)
    found = ctypes.util.find_library("wrpcheck")
    if found:
        return found
    raise LoadError(
        f"libwrpcheck not found: the package bundles none ({bundled}), and none was found in "
        f"1. the WRPCHECK_LIB environment variable (not set), "
        f"2. the libdir of `pkg-config --variable=libdir wrpcheck` ({why}), "
        f"3. ctypes.util.find_library(\"wrpcheck\") (found nothing). "
        f"Install libwrpcheck (make install), set WRPCHECK_LIB to its path, or call wrpcheck.load(path).")


def load(path: Union[str, os.PathLike[str], None] = None) -> Library:
    """Loads the library once (from path, or default_path()); later calls return the same one."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = Library(path if path is not None else default_path())
        elif path is not None and Path(path).resolve() != Path(_loaded.path).resolve():
            raise LoadError(f"libwrpcheck is already loaded from {_loaded.path}")
        return _loaded
