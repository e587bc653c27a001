"""The Python binding judged against the CLI: every case of bindings/cases.tsv, run through both,
must give the same JSON. Then the binding's own promises: errors with the library's status, the
library's code table, loading and where the library is found, content and files, closing,
threads; and that the package under test is the installed wheel with its bundled library.

Run by bindings/python/run-tests.sh with the interpreter of the virtual environment the wheel
was installed into (`make python-venv`), from a directory where bindings/python/wrpcheck cannot
be imported. Paths are resolved from this file. $WRP_BUILD names the build directory (default
build/), whose wrpcheck and libwrpcheck.so are compared.
"""
from __future__ import annotations

import copy
import dataclasses
import filecmp
import json
import pickle
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, Optional
from unittest import mock

import wrpcheck
from wrpcheck import (AccessCertificate, ClaimSetOption, CredentialSetOption, Display, Intermediary,
                      Kind, LoadError, Mode, RelyingParty, Severity, Status, SupervisoryAuthority,
                      Verdict, Verifier, WrpError)

ROOT = Path(__file__).resolve().parents[3]
BUILD = ROOT / os.environ.get("WRP_BUILD", "build")
CLI = BUILD / "wrpcheck"

EXIT = {"allow": 0, "deny": 1, "error": 2, "warn": 3}
DEMO_TIME = 1798761600


def setUpModule() -> None:
    wrpcheck.load()


def vector(name):
    return ROOT / "testvectors" / name


def run_cli(*args):
    """The CLI, without the sanitizer preload the binding's process may carry."""
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
    return subprocess.run([str(CLI), *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)


# ---- bindings/cases.tsv ----

class Case:
    def __init__(self, line, command, verdict, codes, args):
        self.line, self.command, self.verdict, self.codes, self.args = line, command, verdict, codes, args


def load_cases():
    common, cases = [], []
    path = ROOT / "bindings" / "cases.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "common":
            common = cols[1].split()
            continue
        command, verdict, codes, args = cols
        cases.append(Case(n, command, verdict, set() if codes == "-" else set(codes.split(",")),
                          common + args.split()))
    return cases


CONFIG_FILES = {"--ac-anchors": "ac_anchors", "--rc-anchors": "rc_anchors",
                "--status-list": "status_lists", "--crl": "crls", "--register": "register",
                "--register-anchors": "register_anchors"}
REQUEST_FILES = {"--transcript": "transcript", "--rc": "registration", "--ac-chain": "ac_chain"}
REQUEST_STRINGS = {"--client-id": "client_id", "--origin": "origin", "--kind": "kind", "--lang": "lang"}


def translate(args):
    """The CLI's arguments as the binding's: (Verifier kwargs, call kwargs, input path). Config
    files go as paths, per-request files as bytes; a repeated single-valued option replaces."""
    config = {name: [] for name in CONFIG_FILES.values()}
    config["transaction_data_types"] = []
    call, positional = {}, []
    it = iter(args)
    for a in it:
        if a in CONFIG_FILES:
            config[CONFIG_FILES[a]].append(ROOT / next(it))
        elif a == "--transaction-data-type":
            config["transaction_data_types"].append(next(it))
        elif a == "--time":
            config["time"] = int(next(it))
        elif a == "--mode":
            config["mode"] = next(it)
        elif a == "--no-revocation":
            config["revocation"] = False
        elif a in REQUEST_FILES:
            call[REQUEST_FILES[a]] = (ROOT / next(it)).read_bytes()
        elif a in REQUEST_STRINGS:
            call[REQUEST_STRINGS[a]] = next(it)
        elif a == "--for-request":
            call["for_request"] = True
        elif a == "--format":
            next(it)  # the CLI's output format; the binding's result is both
        elif a.startswith("--"):
            raise ValueError(f"cases.tsv: option {a} has no translation")
        else:
            positional.append(a)
    if len(positional) != 1:
        raise ValueError(f"cases.tsv: expected one input, got {positional}")
    return config, call, ROOT / positional[0]


def judge(case):
    config, call, path = translate(case.args)
    with Verifier(**config) as v:
        if case.command == "audit":
            return v.audit(path.read_bytes(), **call)
        return v.check_registration(path, **call)


class CasesAgreeWithTheCli(unittest.TestCase):
    """One test per case of bindings/cases.tsv (added below)."""

    def check(self, case):
        cli = run_cli(case.command, "--format", "json", *case.args)
        self.assertEqual(cli.returncode, EXIT[case.verdict], cli.stderr)
        result = judge(case)
        self.assertEqual(result.to_json(), cli.stdout.rstrip("\n"))
        self.assertEqual(result.to_dict(), json.loads(cli.stdout))
        self.assertIs(result.verdict, Verdict[case.verdict.upper()])
        self.assertEqual(set(result.codes), case.codes)


def _add_case_tests():
    for case in load_cases():
        name = re.sub(r"[^a-z0-9]+", "_", Path(case.args[-1]).stem.lower())
        test = lambda self, c=case: self.check(c)  # noqa: E731
        test.__doc__ = f"cases.tsv line {case.line}: {case.command} {' '.join(case.args[-4:])}"
        setattr(CasesAgreeWithTheCli, f"test_line_{case.line:03d}_{case.command}_{name}", test)


_add_case_tests()


# ---- the binding's own behaviour ----

def demo_config(**extra):
    config = dict(ac_anchors=vector("pki/ac-int.pem"), crls=vector("crl/current.pem"),
                  rc_anchors=vector("rc/pki/rc-root.pem"), status_lists=vector("rc/sl-valid.jwt"),
                  time=DEMO_TIME)
    config.update(extra)
    return config


class FsPath:
    """An os.PathLike that is not a pathlib.Path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def header_text():
    return (ROOT / "include" / "wrpcheck.h").read_text(encoding="utf-8")


class LibraryAndAbi(unittest.TestCase):
    def test_abi_version_is_the_headers(self):
        header = int(re.search(r"#define WRP_ABI_VERSION (\d+)", header_text()).group(1))
        self.assertEqual(wrpcheck.ABI_VERSION, header)
        self.assertEqual(wrpcheck.abi_version(), header)

    def test_codes_are_the_header_table(self):
        table = header_text().split("#define WRP_CODE_TABLE(X)")[1].split("typedef enum wrp_code")[0]
        header = {name: int(value) for name, value in re.findall(r"X\((\w+), (\d+)\)", table)}
        self.assertGreater(len(header), 40)
        self.assertEqual(wrpcheck.codes(), header)
        self.assertEqual(list(wrpcheck.codes().values()), sorted(header.values()))
        for name, value in header.items():
            self.assertEqual(wrpcheck.code_value(name), value)

    def test_code_value_refuses_an_unknown_name(self):
        for name in ("", "overask", "UNKNOWN", "WRP_CODE_OVERASK"):
            with self.assertRaises(ValueError):
                wrpcheck.code_value(name)

    def test_another_abi_is_refused_at_load(self):
        with self.assertRaisesRegex(LoadError, "ABI version"):
            wrpcheck._native.Library(wrpcheck._native.load().path, abi=wrpcheck.ABI_VERSION + 1)

    def test_a_missing_library_is_refused_at_load(self):
        with self.assertRaisesRegex(LoadError, "cannot load"):
            wrpcheck._native.Library(ROOT / "no-such-dir" / "libwrpcheck.so")

    def test_a_second_library_is_refused(self):
        with self.assertRaisesRegex(LoadError, "already loaded"):
            wrpcheck.load(ROOT / "no-such-dir" / "libwrpcheck.so")

    def test_library_version(self):
        self.assertRegex(wrpcheck.library_version(), r"^\d+\.\d+\.\d+$")


class Errors(unittest.TestCase):
    def test_unusable_anchor_file_is_the_librarys_status_and_reason(self):
        not_a_cert = vector("o4vp/valid-san-dns.jwt")
        with self.assertRaises(WrpError) as cm:
            Verifier(**demo_config(ac_anchors=[vector("pki/ac-int.pem"), not_a_cert]))
        e = cm.exception
        self.assertIs(e.status, Status.MALFORMED)
        self.assertEqual(e.status_text, "malformed input")
        self.assertEqual(e.where, "ac_anchors[1]")
        self.assertTrue(e.detail)
        self.assertIn(e.detail, str(e))
        cli = run_cli("audit", "--format", "json", "--ac-anchors", not_a_cert, vector("o4vp/valid-san-dns.jwt"))
        self.assertEqual(cli.returncode, 2)
        self.assertEqual([f["code"] for f in json.loads(cli.stdout)["findings"]], ["INPUT_UNREADABLE"])

    def test_unreadable_file_is_status_io(self):
        with self.assertRaises(WrpError) as cm:
            Verifier(**demo_config(crls=ROOT / "no-such-file.pem"))
        self.assertIs(cm.exception.status, Status.IO)
        self.assertEqual(cm.exception.where, "crls[0]")

    def test_input_beyond_the_limit_is_status_limit(self):
        too_big = bytes(wrpcheck._native.load().wrp_max_input_bytes() + 1)
        with self.assertRaises(WrpError) as cm:
            Verifier(**demo_config(register=too_big))
        self.assertIs(cm.exception.status, Status.LIMIT)
        with tempfile.NamedTemporaryFile() as f:
            f.write(too_big)
            f.flush()
            with Verifier(**demo_config()) as v, self.assertRaises(WrpError) as cm:
                v.audit(Path(f.name))
        self.assertIs(cm.exception.status, Status.LIMIT)

    def test_wrong_argument_types(self):
        with self.assertRaises(TypeError):
            Verifier(ac_anchors=[42], time=DEMO_TIME)
        with Verifier(**demo_config()) as v:
            for bad in (42, None, 1.5, [b"x"]):
                with self.assertRaisesRegex(TypeError, "os.PathLike"):
                    v.audit(bad)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                v.check_registration(b"x", ac_chain=7)  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            Verifier(mode="strict", time=DEMO_TIME)
        with Verifier(**demo_config()) as v:
            with self.assertRaises(ValueError):
                v.audit(b"{}", client_id="a\0b")
            with self.assertRaises(ValueError):
                v.audit(b"{}", kind="sd-jwt")

    def test_a_deny_is_a_result_not_an_exception(self):
        with Verifier(**demo_config()) as v:
            r = v.audit(b"not a request")
        self.assertIs(r.verdict, Verdict.ERROR)
        self.assertEqual(r.codes, ("REQUEST_MALFORMED",))
        self.assertIsNone(r.options)


class Inputs(unittest.TestCase):
    def test_content_and_files_give_the_same_judgement(self):
        request = vector("o4vp/valid-san-dns.jwt")
        data = request.read_bytes()
        config_as_bytes = {k: (v.read_bytes() if isinstance(v, Path) else v) for k, v in demo_config().items()}
        config_as_str = {k: (v.read_text(encoding="ascii") if isinstance(v, Path) else v)
                         for k, v in demo_config().items()}
        with Verifier(**demo_config()) as by_path, Verifier(**config_as_bytes) as by_bytes, \
                Verifier(**config_as_str) as by_str:
            results = [by_path.audit(x) for x in (request, data, data.decode("ascii"), bytearray(data),
                                                  memoryview(data), FsPath(request))]
            results.append(by_bytes.audit(data))
            results.append(by_str.audit(request))
        self.assertEqual({r.to_json() for r in results}, {results[0].to_json()})
        self.assertIs(results[0].verdict, Verdict.ALLOW)

    def test_a_str_holding_a_jws_is_content_and_no_file_is_opened(self):
        jws = vector("o4vp/valid-san-dns.jwt").read_text(encoding="ascii").strip()
        self.assertEqual(jws.count("."), 2)
        with Verifier(**demo_config()) as v:
            with mock.patch("builtins.open", side_effect=AssertionError("a file was opened")) as opened:
                r = v.audit(jws, client_id="x509_san_dns:rp.example.com")
            self.assertEqual(opened.call_count, 0)
            self.assertIs(r.verdict, Verdict.ALLOW)
            self.assertEqual(r.to_json(), v.audit(vector("o4vp/valid-san-dns.jwt"),
                                                  client_id="x509_san_dns:rp.example.com").to_json())

    def test_a_str_naming_a_file_is_content_not_the_file(self):
        with Verifier(**demo_config()) as v:
            for name in (str(vector("o4vp/valid-san-dns.jwt")), "testvectors/o4vp/valid-san-dns.jwt",
                         str(ROOT / "no-such-file.jwt")):
                r = v.audit(name)
                self.assertIs(r.verdict, Verdict.ERROR, name)
                self.assertEqual(r.codes, ("REQUEST_MALFORMED",), name)
            self.assertEqual(v.check_registration(str(vector("rc/valid.jwt"))).codes, ("RC_MALFORMED",))
        with self.assertRaises(WrpError) as cm:  # a file name is no PEM
            Verifier(**demo_config(ac_anchors=str(vector("pki/ac-int.pem"))))
        self.assertIs(cm.exception.status, Status.MALFORMED)
        self.assertEqual(cm.exception.where, "ac_anchors[0]")

    def test_a_path_is_read_as_a_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "request.jwt"
            shutil.copyfile(vector("o4vp/valid-san-dns.jwt"), copy)
            with Verifier(**demo_config()) as v:
                with mock.patch("builtins.open", wraps=open) as opened:
                    r = v.audit(copy)
                self.assertEqual([c.args[0] for c in opened.call_args_list], [copy])
                self.assertIs(r.verdict, Verdict.ALLOW)
                with self.assertRaises(WrpError) as cm:
                    v.audit(Path(tmp) / "missing.jwt")
        self.assertIs(cm.exception.status, Status.IO)
        self.assertEqual(cm.exception.where, "request")

    def test_every_input_takes_content_and_files(self):
        """Each input of Verifier, audit and check_registration given as a Path, bytes and str."""
        chain, rc = vector("pki/ac-leaf.pem"), vector("rc/valid.jwt")
        register = dict(register=vector("register/valid.jwt"),
                        register_anchors=vector("register/pki/reg-root.pem"))
        forms = {"path": lambda p: p, "bytes": lambda p: p.read_bytes(),
                 "str": lambda p: p.read_text(encoding="utf-8")}
        seen = {}
        for name, form in forms.items():
            config = {k: (form(v) if isinstance(v, Path) else v) for k, v in demo_config(**register).items()}
            with Verifier(**config) as v:
                judged = {
                    "register": v.audit(form(vector("o4vp/valid-san-dns.jwt"))),
                    "registration": v.audit(form(vector("o4vp/valid-no-verifier-info.jwt")),
                                            registration=form(rc)),
                    "rc": v.check_registration(form(rc), ac_chain=form(chain), for_request=True),
                }
                if name != "str":  # a CBOR SessionTranscript or DeviceRequest is no text
                    judged["transcript"] = v.audit(form(vector("mdoc/eudiw-pid-cwt.cbor")),
                                                   transcript=form(vector("mdoc/transcript.cbor")))
            seen[name] = {k: r.to_json() for k, r in judged.items()}
        self.assertEqual(seen["bytes"], seen["path"])
        self.assertEqual(seen["str"], {k: v for k, v in seen["path"].items() if k != "transcript"})
        codes = {k: [f["code"] for f in json.loads(v)["findings"]] for k, v in seen["path"].items()}
        self.assertEqual(codes, {"register": ["OVERASK"], "registration": ["OVERASK"], "rc": [],
                                 "transcript": []})

    def test_enums_accept_members_values_and_words(self):
        for mode in (Mode.WARN, 1, "warn", "WARN"):
            with Verifier(**demo_config(mode=mode, register=vector("register/valid.jwt"),
                                        register_anchors=vector("register/pki/reg-root.pem"))) as v:
                r = v.audit(vector("o4vp/valid-san-dns.jwt"))
            self.assertIs(r.verdict, Verdict.WARN)
            self.assertIs(r.findings[0].severity, Severity.WARNING)
        with Verifier(**demo_config()) as v:
            self.assertEqual(v.audit(vector("o4vp/valid-san-dns.jwt"), kind=Kind.MDOC).request_kind, "mdoc")
            self.assertEqual(v.audit(vector("o4vp/valid-san-dns.jwt"), kind="auto").request_kind, "openid4vp")

    def test_the_clock_is_read_once_when_no_time_is_given(self):
        import time
        before = int(time.time())
        with Verifier() as v:
            self.assertGreaterEqual(v.time, before)
            self.assertLessEqual(v.time, int(time.time()))


class ResultModel(unittest.TestCase):
    def test_unverified_relying_party_is_not_the_relying_party(self):
        later = 1956528000  # the certificates have expired
        with Verifier(**demo_config(time=later)) as v:
            r = v.audit(vector("o4vp/valid-san-dns.jwt"))
        self.assertIs(r.verdict, Verdict.DENY)
        self.assertIsNone(r.relying_party)
        self.assertFalse(r.claimed_relying_party.verified)
        self.assertEqual(r.claimed_relying_party.name, "Example Shop")
        self.assertIsNone(json.loads(r.to_json())["relying_party"])

    def test_consent_screen_fields(self):
        with Verifier(**demo_config()) as v:
            r = v.audit(vector("o4vp/valid-san-dns.jwt"))
        rp = r.relying_party
        self.assertTrue(rp.verified)
        self.assertEqual((rp.name, rp.identifier, rp.country), ("Example Shop", "LEIXG-529900T8BM49AURSDO55", "NL"))
        self.assertEqual(rp.purpose, (("en", "Checking that the buyer is of age"),))
        self.assertTrue(rp.support_uri.startswith("https://"))
        self.assertEqual([q.path for q in r.requested][0], ("age_over_18",))
        self.assertTrue(all(q.registered for q in r.requested))

    def test_finding_fields(self):
        with Verifier(**demo_config(register=vector("register/valid.jwt"),
                                    register_anchors=vector("register/pki/reg-root.pem"))) as v:
            f = v.audit(vector("o4vp/valid-san-dns.jwt")).findings[0]
        self.assertEqual((f.code, f.code_value, f.severity), ("OVERASK", 50, Severity.ERROR))
        self.assertEqual((f.credential_id, f.type, f.path, f.source),
                         ("pid", "urn:eudi:pid:1", ("address", "country"), "register"))


def e2e_config():
    """The end-to-end configuration (testvectors/e2e/cases.tsv): the access CA's root as anchor."""
    return demo_config(ac_anchors=vector("pki/ac-root.pem"))


class ContractV11Facts(unittest.TestCase):
    """The facts of contract v1.1 (SPEC.md 6a): the relying party's service description, public
    body, entitlements and supervisory authority, the intermediary and the access certificate,
    each as the binding's typed value and equal to what the result's JSON says."""

    @classmethod
    def setUpClass(cls):
        with Verifier(**e2e_config()) as v:
            cls.intermediated = v.audit(vector("e2e/req/intermediary-allow.jwt"))
            cls.direct = v.audit(vector("e2e/req/allow-basic.jwt"))
            cls.unsigned = v.audit(vector("e2e/req/request-unsigned.json"))
            cls.again = v.audit(vector("e2e/req/intermediary-allow.jwt"))

    def test_the_package_exports_the_value_types(self):
        for name in ("AccessCertificate", "Intermediary", "SupervisoryAuthority"):
            self.assertIn(name, wrpcheck.__all__)
            self.assertTrue(dataclasses.is_dataclass(getattr(wrpcheck, name)), name)

    def test_an_intermediated_request(self):
        r = self.intermediated
        j = json.loads(r.to_json())
        self.assertIs(r.verdict, Verdict.ALLOW)
        rp, jrp = r.relying_party, j["relying_party"]
        self.assertIsInstance(rp, RelyingParty)
        self.assertEqual(rp.identifier, "LEIXG-5299001SERVEDPARTY7")
        self.assertEqual(rp.identifier, jrp["identifier"])
        self.assertIsInstance(r.intermediary, Intermediary)
        self.assertEqual((r.intermediary.identifier, r.intermediary.name),
                         ("LEIXG-529900T8BM49AURSDO55", "Example Platform B.V."))
        self.assertEqual(r.intermediary.to_dict(), j["intermediary"])
        self.assertEqual(r.to_dict(), j)

    def test_the_relying_partys_v1_1_members(self):
        rp = self.intermediated.relying_party
        jrp = json.loads(self.intermediated.to_json())["relying_party"]
        self.assertEqual(len(rp.service_description), 2)
        self.assertEqual(rp.service_description[1][0], "nl")
        self.assertEqual(rp.service_description,
                         tuple((t["lang"], t["value"]) for t in jrp["srv_description"]))
        self.assertEqual(rp.entitlements, ("https://uri.etsi.org/19475/Entitlement/Service_Provider",))
        self.assertEqual(list(rp.entitlements), jrp["entitlements"])
        self.assertIsNone(rp.public_body)
        self.assertNotIn("public_body", jrp)
        self.assertEqual((rp.info_uri, rp.support_uri), (jrp["info_uri"], jrp["support_uri"]))

    def test_the_log_record(self):
        """log_json() is the library's TS10 record, the one `--format log` prints: the end-to-end
        expectation of the same request."""
        expected = json.loads(vector("e2e/expected/log-intermediary.json").read_text(encoding="utf-8"))
        self.assertEqual(json.loads(self.intermediated.log_json()), expected)
        self.assertEqual(json.loads(self.direct.log_json()),
                         json.loads(vector("e2e/expected/log-allow.json").read_text(encoding="utf-8")))
        unsigned = json.loads(self.unsigned.log_json())
        self.assertIsNone(unsigned["interactingPartyIdentifier"])
        self.assertIsNone(unsigned["isIntermediary"])
        self.assertTrue(unsigned["reasonOfNoncompletion"].startswith("verdict deny: "))
        self.assertIn("REQUEST_UNSIGNED", unsigned["reasonOfNoncompletion"])

    def test_the_supervisory_authority(self):
        sa = self.intermediated.relying_party.supervisory_authority
        jsa = json.loads(self.intermediated.to_json())["relying_party"]["supervisory_authority"]
        self.assertIsInstance(sa, SupervisoryAuthority)
        self.assertEqual(sa.email, "info@dpa.example.nl")
        self.assertEqual(sa.uri, "https://dpa.example.nl")
        self.assertEqual((sa.email, sa.phone, sa.uri), (jsa.get("email"), jsa.get("phone"), jsa.get("uri")))
        self.assertEqual(dict(sa.members), jsa)
        self.assertEqual(list(sa.members), list(jsa))
        with self.assertRaises(TypeError):
            sa.members["email"] = "other@example.com"  # type: ignore[index]

    def test_the_access_certificate(self):
        ac = self.intermediated.access_certificate
        jac = json.loads(self.intermediated.to_json())["access_certificate"]
        self.assertIsInstance(ac, AccessCertificate)
        self.assertEqual(ac.serial, "3001")
        self.assertEqual(ac.not_before, "2026-01-01T00:00:00Z")
        self.assertIs(ac.verified, True)
        self.assertEqual(len(ac.sha256), 43)
        self.assertEqual(ac.to_dict(), jac)
        self.assertEqual({f.name: getattr(ac, f.name) for f in dataclasses.fields(ac)}, jac)

    def test_a_direct_request_has_no_intermediary(self):
        r = self.direct
        j = json.loads(r.to_json())
        self.assertIs(r.verdict, Verdict.ALLOW)
        self.assertIsNone(r.intermediary)
        self.assertIn("intermediary", j)
        self.assertIsNone(j["intermediary"])
        self.assertEqual(r.access_certificate.to_dict(), j["access_certificate"])
        self.assertEqual(r.to_dict(), j)

    def test_an_unsigned_request_has_no_access_certificate(self):
        r = self.unsigned
        j = json.loads(r.to_json())
        self.assertIsNone(r.access_certificate)
        self.assertNotIn("access_certificate", j)
        self.assertIsNone(r.intermediary)
        self.assertEqual(r.to_dict(), j)

    def test_the_facts_are_frozen_values(self):
        a, b = self.intermediated, self.again
        for x, y in ((a.intermediary, b.intermediary), (a.access_certificate, b.access_certificate),
                     (a.relying_party.supervisory_authority, b.relying_party.supervisory_authority),
                     (a.relying_party, b.relying_party)):
            self.assertIsNot(x, y)
            self.assertEqual(x, y)
            self.assertEqual(hash(x), hash(y))
            with self.assertRaises(dataclasses.FrozenInstanceError):
                setattr(x, dataclasses.fields(x)[0].name, None)
        self.assertNotEqual(a.relying_party, self.direct.relying_party)
        sa = a.relying_party.supervisory_authority
        self.assertNotEqual(sa, dataclasses.replace(sa, members={"email": sa.email}))
        self.assertEqual(sa, dataclasses.replace(sa, members=dict(sa.members)))
        for x in (a.relying_party, a.intermediary, a.access_certificate):
            self.assertEqual(pickle.loads(pickle.dumps(x)), x)
            self.assertEqual(copy.deepcopy(x), x)


class DisclosurePolicies(unittest.TestCase):
    """Embedded disclosure policies per request (SPEC.md 8a): the verified relying party is
    authorized or each requested credential of the policy's type is a DISCLOSURE_POLICY error;
    a policy the library refuses is a WrpError with its reason and which one it was."""

    REQUEST = vector("e2e/req/allow-basic.jwt")

    @staticmethod
    def policy(name):
        return vector("e2e/policy/" + name + ".json")

    def audit(self, *policies, request=None):
        with Verifier(**e2e_config()) as v:
            return v.audit(request or self.REQUEST, disclosure_policies=list(policies))

    def test_a_listed_relying_party_is_allowed(self):
        r = self.audit(self.policy("rps-lei"))
        self.assertIs(r.verdict, Verdict.ALLOW)
        self.assertEqual(r.codes, ())

    def test_an_unlisted_relying_party_is_denied_per_credential(self):
        r = self.audit(self.policy("rps-other").read_bytes())
        self.assertIs(r.verdict, Verdict.DENY)
        self.assertEqual([(f.code, f.credential_id, f.type, f.severity) for f in r.findings],
                         [("DISCLOSURE_POLICY", "pid", "urn:eudi:pid:1", Severity.ERROR)])

    def test_every_policy_must_authorize(self):
        r = self.audit(self.policy("rps-lei"), self.policy("entitlement-pid-provider"))
        self.assertIs(r.verdict, Verdict.DENY)
        self.assertEqual(r.codes, ("DISCLOSURE_POLICY",))
        both = self.audit(self.policy("rps-lei"), self.policy("entitlement-sp"))
        self.assertIs(both.verdict, Verdict.ALLOW)

    def test_one_policy_need_not_be_a_list(self):
        with Verifier(**e2e_config()) as v:
            r = v.audit(self.REQUEST, disclosure_policies=self.policy("rps-other"))
        self.assertIs(r.verdict, Verdict.DENY)

    def test_the_served_party_of_an_intermediated_request_is_the_one_authorized(self):
        request = vector("e2e/req/intermediary-allow.jwt")
        self.assertIs(self.audit(self.policy("rps-served"), request=request).verdict, Verdict.ALLOW)
        self.assertIs(self.audit(self.policy("rps-lei"), request=request).verdict, Verdict.DENY)

    def test_the_result_is_the_clis(self):
        args = ["audit", "--format", "json", "--ac-anchors", vector("pki/ac-root.pem"),
                "--crl", vector("crl/current.pem"), "--rc-anchors", vector("rc/pki/rc-root.pem"),
                "--status-list", vector("rc/sl-valid.jwt"), "--time", DEMO_TIME,
                "--disclosure-policy", self.policy("rps-other"), self.REQUEST]
        cli = run_cli(*args)
        self.assertEqual(cli.returncode, EXIT["deny"], cli.stderr)
        self.assertEqual(self.audit(self.policy("rps-other")).to_json(), cli.stdout.rstrip("\n"))

    def test_a_refused_policy_names_which_and_why(self):
        with self.assertRaises(WrpError) as cm:
            self.audit(self.policy("rps-lei"), self.policy("bad-list-empty"))
        e = cm.exception
        self.assertIs(e.status, Status.MALFORMED)
        self.assertEqual(e.where, "disclosure_policies[1]")
        self.assertIn("relying_parties", e.detail)
        self.assertIn("disclosure_policies[1]: ", str(e))

    def test_a_missing_file_is_status_io(self):
        with self.assertRaises(WrpError) as cm:
            self.audit(self.policy("does-not-exist"))
        self.assertIs(cm.exception.status, Status.IO)
        self.assertEqual(cm.exception.where, "disclosure_policies[0]")

    def test_more_than_the_limit_is_status_limit(self):
        one = self.policy("rps-lei").read_bytes()
        self.assertIs(self.audit(*[one] * 64).verdict, Verdict.ALLOW)
        with self.assertRaises(WrpError) as cm:
            self.audit(*[one] * 65)
        self.assertIs(cm.exception.status, Status.LIMIT)
        self.assertEqual(cm.exception.where, "disclosure_policies[64]")
        self.assertTrue(cm.exception.detail)


# ---- consent data (SPEC.md 6b): the user's languages and the registered alternatives ----

DISPLAY_REQUEST = vector("e2e/req/display-first-tag.jwt")
# The entries of display-first-tag.jwt's registration certificate, in its order.
PURPOSES = (("en", "Checking that the buyer is of age"), ("nl", "Controleren dat de koper meerderjarig is"),
            ("de-AT", "Altersnachweis des K\u00e4ufers"))
DESCRIPTIONS = (("nl", "Webwinkel voor producten met een leeftijdsgrens"),
                ("en-GB", "Online shop for age-restricted goods"))
# A language list, and the tags of the purpose and of the service description the library's
# lookup chooses for it (RFC 4647 3.4: each tag in order, then shortened at each '-' from the
# right, case-insensitive; no hit at all: the first entry; a tag never widened to a longer one).
LOOKUPS = (
    ("fr,de-AT-x-shop,nl", "de-AT", "nl"),
    ("NL", "nl", "nl"),
    ("it", "en", "nl"),
    ("en", "en", "nl"),
    ("en-GB", "en", "en-GB"),
    ("EN-gb,nl", "en", "en-GB"),
    ("de", "en", "nl"),
    ("de-AT", "de-AT", "nl"),
    ("fr , nl", "nl", "nl"),
    ("en-US,nl", "en", "nl"),
)
REFUSED_LISTS = ("", " ", ",en", "en,", "en,,nl", "e1", "1a", "en-", "en--GB", "en-abcdefghi",
                 "en;q=0.8", "*", "en_GB", "en nl")
TOO_MANY = ",".join(["en", "nl"] * 8 + ["de"])  # 17 tags


def e2e_cli(*args):
    """The CLI's JSON with the end-to-end configuration."""
    return run_cli("audit", "--format", "json", "--ac-anchors", vector("pki/ac-root.pem"),
                   "--crl", vector("crl/current.pem"), "--rc-anchors", vector("rc/pki/rc-root.pem"),
                   "--status-list", vector("rc/sl-valid.jwt"), "--time", DEMO_TIME, *args)


class ConsentLanguages(unittest.TestCase):
    """audit(lang=...) gives the result its display, the lookups of RelyingParty give the same
    choice for any list, and both are the library's: equal to the JSON's display and the CLI's."""

    @classmethod
    def setUpClass(cls):
        cls.verifier = Verifier(**e2e_config())
        cls.result = cls.verifier.audit(DISPLAY_REQUEST, lang="fr,de-AT-x-shop,nl")
        cls.rp = cls.result.relying_party

    @classmethod
    def tearDownClass(cls):
        cls.verifier.close()

    def test_the_package_exports_the_new_types(self):
        for name in ("Display", "ClaimSetOption", "CredentialSetOption"):
            self.assertIn(name, wrpcheck.__all__)
            self.assertTrue(dataclasses.is_dataclass(getattr(wrpcheck, name)), name)
        self.assertIn("Languages", wrpcheck.__all__)

    def test_the_display_is_the_lookup_of_each(self):
        r = self.result
        j = json.loads(r.to_json())
        self.assertIs(r.verdict, Verdict.ALLOW)
        self.assertEqual(r.display, Display(lang="de-AT", purpose=PURPOSES[2][1], service_description=DESCRIPTIONS[0][1]))
        self.assertEqual(r.display.to_dict(), j["display"])
        self.assertEqual(r.to_dict(), j)
        self.assertEqual(list(j).index("display"), list(j).index("access_certificate") + 1)
        self.assertEqual(self.rp.purpose, PURPOSES)
        self.assertEqual(self.rp.service_description, DESCRIPTIONS)

    def test_the_display_is_the_clis(self):
        cli = e2e_cli("--lang", "fr,de-AT-x-shop,nl", DISPLAY_REQUEST)
        self.assertEqual(cli.returncode, EXIT["allow"], cli.stderr)
        self.assertEqual(self.result.to_json(), cli.stdout.rstrip("\n"))

    def test_the_tags_may_be_given_as_a_list(self):
        for lang in (["fr", "de-AT-x-shop", "nl"], ("fr", "de-AT-x-shop", "nl"), iter(["fr", "de-AT-x-shop", "nl"])):
            r = self.verifier.audit(DISPLAY_REQUEST, lang=lang)
            self.assertEqual(r.to_json(), self.result.to_json())
            self.assertEqual(r.display, self.result.display)
        self.assertEqual(self.rp.purpose_for(["fr", "de-AT-x-shop"]), PURPOSES[2])

    def test_without_lang_there_is_no_display(self):
        r = self.verifier.audit(DISPLAY_REQUEST)
        j = json.loads(r.to_json())
        self.assertIsNone(r.display)
        self.assertNotIn("display", j)
        self.assertNotIn("display", r.to_dict())
        self.assertEqual(r.to_dict(), j)
        self.assertEqual(r.relying_party, self.rp)  # the same relying party, the lookups too

    def test_an_unverified_relying_party_has_a_null_display(self):
        r = self.verifier.audit(vector("e2e/req/rc-untrusted.jwt"), lang="nl")
        j = json.loads(r.to_json())
        self.assertIs(r.verdict, Verdict.DENY)
        self.assertIn("display", j)
        self.assertIsNone(j["display"])
        self.assertIsNone(r.display)
        self.assertIsNone(r.relying_party)
        self.assertEqual(r.to_dict(), j)
        cli = e2e_cli("--lang", "nl", vector("e2e/req/rc-untrusted.jwt"))
        self.assertEqual(r.to_json(), cli.stdout.rstrip("\n"))

    def test_the_lookups_are_the_librarys(self):
        rp = self.rp
        for langs, purpose, description in LOOKUPS:
            with self.subTest(langs=langs):
                self.assertEqual(rp.purpose_for(langs), (purpose, dict(PURPOSES)[purpose]))
                self.assertEqual(rp.service_description_for(langs), (description, dict(DESCRIPTIONS)[description]))

    def test_the_lookups_agree_with_the_display_and_the_cli(self):
        for langs, _, _ in LOOKUPS:
            with self.subTest(langs=langs):
                r = self.verifier.audit(DISPLAY_REQUEST, lang=langs)
                purpose, description = self.rp.purpose_for(langs), self.rp.service_description_for(langs)
                self.assertEqual(r.display, Display(purpose[0], purpose[1], description[1]))
                cli = e2e_cli("--lang", langs, DISPLAY_REQUEST)
                self.assertEqual(cli.returncode, EXIT["allow"], cli.stderr)
                self.assertEqual(json.loads(cli.stdout)["display"], r.display.to_dict())
                self.assertEqual(r.to_json(), cli.stdout.rstrip("\n"))

    def test_a_refused_list_is_the_librarys_reason(self):
        for bad in REFUSED_LISTS:
            with self.subTest(lang=bad):
                with self.assertRaises(WrpError) as cm:
                    self.verifier.audit(DISPLAY_REQUEST, lang=bad)
                e = cm.exception
                self.assertIs(e.status, Status.MALFORMED)
                self.assertEqual(e.where, "lang")
                self.assertTrue(e.detail)
                self.assertEqual(str(e), f"lang: malformed input: {e.detail}")
                self.assertEqual(e2e_cli("--lang", bad, DISPLAY_REQUEST).returncode, 64)  # a usage error there
        with self.assertRaises(WrpError) as cm:
            self.verifier.audit(DISPLAY_REQUEST, lang=TOO_MANY)
        self.assertIs(cm.exception.status, Status.LIMIT)
        self.assertEqual(cm.exception.where, "lang")
        self.assertEqual(cm.exception.detail, "more than 16 language tags")
        with self.assertRaises(WrpError) as cm:  # the list joined from the tags is what is checked
            self.verifier.audit(DISPLAY_REQUEST, lang=["en", ""])
        self.assertIs(cm.exception.status, Status.MALFORMED)
        self.assertIs(self.verifier.audit(DISPLAY_REQUEST, lang=TOO_MANY.rsplit(",", 1)[0]).verdict, Verdict.ALLOW)

    def test_a_lang_that_is_no_text_is_refused_before_the_library(self):
        with self.assertRaises(ValueError):
            self.verifier.audit(DISPLAY_REQUEST, lang="en\0nl")
        for bad in (b"en", 42, ["en", b"nl"]):
            with self.assertRaises(TypeError):
                self.verifier.audit(DISPLAY_REQUEST, lang=bad)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                self.rp.purpose_for(bad)  # type: ignore[arg-type]

    def test_a_lookup_refuses_what_the_library_refuses(self):
        for lookup in (self.rp.purpose_for, self.rp.service_description_for):
            for bad in REFUSED_LISTS:
                with self.subTest(lookup=lookup.__name__, langs=bad):
                    with self.assertRaises(WrpError) as cm:
                        lookup(bad)
                    self.assertIs(cm.exception.status, Status.MALFORMED)
                    self.assertEqual(cm.exception.where, "langs")
                    self.assertTrue(cm.exception.detail)
            with self.assertRaises(WrpError) as cm:
                lookup(TOO_MANY)
            self.assertIs(cm.exception.status, Status.LIMIT)
            self.assertEqual(cm.exception.detail, "more than 16 language tags")

    def test_a_certificate_without_entries_gives_none(self):
        with Verifier(**e2e_config()) as v:
            r = v.check_registration(vector("rc/malformed-srv-description-no-lang.jwt"))
        rp = r.claimed_relying_party
        self.assertEqual(rp.service_description, ())
        self.assertIsNone(rp.service_description_for("en"))
        self.assertEqual(rp.purpose_for("nl"), rp.purpose[0])
        with self.assertRaises(WrpError):  # no entries, but the list is still checked
            rp.service_description_for("en;q=1")

    def test_an_unverified_relying_party_looks_up_too(self):
        r = self.verifier.audit(vector("e2e/req/rc-untrusted.jwt"))
        rp = r.claimed_relying_party
        self.assertFalse(rp.verified)
        self.assertEqual(rp.purpose_for("xx"), rp.purpose[0])

    def test_lookups_outlive_the_verifier_and_copies_look_up_the_same(self):
        with Verifier(**e2e_config()) as v:
            rp = v.audit(DISPLAY_REQUEST).relying_party
        self.assertEqual(rp.purpose_for("de-AT"), PURPOSES[2])
        for other in (copy.copy(rp), copy.deepcopy(rp), dataclasses.replace(rp)):
            self.assertEqual(other, rp)
            self.assertEqual(other.purpose_for("fr,de-AT-x-shop,nl"), PURPOSES[2])
        self.assertNotIn("_native", repr(rp))

    def test_an_unpickled_or_handmade_relying_party_cannot_look_up(self):
        unpickled = pickle.loads(pickle.dumps(self.rp))
        self.assertEqual(unpickled, self.rp)
        self.assertEqual(hash(unpickled), hash(self.rp))
        with self.assertRaisesRegex(ValueError, "unpickled"):
            unpickled.purpose_for("nl")
        self.assertEqual(self.rp.purpose_for("nl"), PURPOSES[1])  # the original still can
        handmade = RelyingParty(name="Shop", identifier="LEIXG-1", verified=True, purpose=PURPOSES)
        with self.assertRaisesRegex(ValueError, "not read from a result"):
            handmade.purpose_for("nl")

    def test_the_librarys_result_goes_with_the_relying_party(self):
        import gc
        import weakref
        r = self.verifier.audit(DISPLAY_REQUEST)
        kept = weakref.ref(r.relying_party._native)
        self.assertIsNotNone(kept())
        rp = r.relying_party
        del r
        gc.collect()
        self.assertIsNotNone(kept(), "freed while the relying party still needs it")
        self.assertEqual(rp.purpose_for("nl"), PURPOSES[1])
        del rp
        gc.collect()
        self.assertIsNone(kept(), "kept after the relying party is gone")

    def test_threads_look_up_at_once(self):
        want = {langs: (self.rp.purpose_for(langs), self.rp.service_description_for(langs)) for langs, _, _ in LOOKUPS}
        seen, errors = [], []

        def work():
            try:
                for _ in range(20):
                    for langs in want:
                        seen.append(want[langs] == (self.rp.purpose_for(langs), self.rp.service_description_for(langs)))
            except Exception as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(seen, [True] * (4 * 20 * len(want)))


def load_e2e_cases(prefix):
    """The cases of testvectors/e2e/cases.tsv named prefix...: (name, exit status, CLI arguments)."""
    out = []
    for line in vector("e2e/cases.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 5 or not cols[0].startswith(prefix):
            continue
        out.append((cols[0], int(cols[1]), cols[4].split()))
    return out


class DisplayCasesAgreeWithTheCli(unittest.TestCase):
    """Every display- case of testvectors/e2e/cases.tsv (the --lang cases) through the binding and
    the CLI: the same JSON, the display a typed value equal to the JSON's and to the relying
    party's lookups (tests added below)."""

    def check(self, exit_status, args):
        cli = run_cli(*args)
        self.assertEqual(cli.returncode, exit_status, cli.stderr)
        config, call, path = translate(args[1:])
        self.assertIn("lang", call)
        with Verifier(**config) as v:
            r = v.audit(path, **call)
        j = json.loads(cli.stdout)
        self.assertEqual(r.to_json(), cli.stdout.rstrip("\n"))
        self.assertEqual(r.to_dict(), j)
        if j["display"] is None:
            self.assertIsNone(r.display)
        else:
            self.assertEqual(r.display.to_dict(), j["display"])
        rp = r.relying_party
        if rp is not None:
            p, d = rp.purpose_for(call["lang"]), rp.service_description_for(call["lang"])
            self.assertEqual(r.display, Display(p[0], p[1], d[1] if d is not None else None))


def _add_display_case_tests():
    cases = load_e2e_cases("display-")
    assert len(cases) >= 8, cases
    for name, exit_status, args in cases:
        test = lambda self, e=exit_status, a=args: self.check(e, a)  # noqa: E731
        test.__doc__ = f"testvectors/e2e/cases.tsv {name}"
        setattr(DisplayCasesAgreeWithTheCli, "test_e2e_" + re.sub(r"[^a-z0-9]+", "_", name.lower()), test)


_add_display_case_tests()


class Alternatives(unittest.TestCase):
    """The DCQL alternatives as typed values, equal to the JSON's options: each claim set of each
    credential query and each option of each credential set, with whether it is registered."""

    def test_credential_set_options(self):
        with Verifier(**demo_config(register=vector("register/valid.jwt"),
                                    register_anchors=vector("register/pki/reg-root.pem"))) as v:
            r = v.audit(vector("o4vp/valid-san-dns.jwt"))
        j = json.loads(r.to_json())
        self.assertIs(r.verdict, Verdict.DENY)
        self.assertEqual(r.credential_sets, (
            CredentialSetOption(set=0, option=0, credential_ids=("pid",), required=True, registered=False),
            CredentialSetOption(set=0, option=1, credential_ids=("pid_mdoc",), required=True, registered=True)))
        self.assertEqual([c.to_dict() for c in r.credential_sets], j["options"]["credential_sets"])
        self.assertEqual(r.claim_sets, ())
        self.assertEqual(r.options, j["options"])  # the JSON's, as before
        # the registered alternative a wallet can offer instead of refusing
        self.assertEqual([c.credential_ids for c in r.credential_sets if c.registered], [("pid_mdoc",)])

    def test_credential_set_options_within_the_certificate_alone(self):
        with Verifier(**demo_config()) as v:
            r = v.audit(vector("o4vp/valid-san-dns.jwt"))
        self.assertEqual([(c.credential_ids, c.registered) for c in r.credential_sets],
                         [(("pid",), True), (("pid_mdoc",), True)])
        self.assertEqual([c.to_dict() for c in r.credential_sets], json.loads(r.to_json())["options"]["credential_sets"])

    def test_claim_set_options(self):
        with Verifier(**e2e_config()) as v:
            r = v.audit(vector("e2e/req/rule3-claim-sets-all-count.jwt"))
        j = json.loads(r.to_json())
        self.assertEqual(r.claim_sets, (ClaimSetOption(credential_id="pid", option=0, registered=True),
                                        ClaimSetOption(credential_id="pid", option=1, registered=False)))
        self.assertEqual([c.to_dict() for c in r.claim_sets], j["options"]["claim_sets"])
        self.assertEqual(r.credential_sets, ())
        self.assertEqual(r.to_dict(), j)
        cli = e2e_cli(vector("e2e/req/rule3-claim-sets-all-count.jwt"))
        self.assertEqual(r.to_json(), cli.stdout.rstrip("\n"))

    def test_no_dcql_query_no_alternatives(self):
        with Verifier(**e2e_config()) as v:
            mdoc = v.audit(vector("e2e/req/mdoc-allow.cbor"), transcript=vector("e2e/transcript.cbor"))
            error = v.audit(b"not a request")
        self.assertEqual((mdoc.claim_sets, mdoc.credential_sets), ((), ()))
        self.assertEqual(mdoc.options, {"claim_sets": [], "credential_sets": []})
        self.assertEqual((error.claim_sets, error.credential_sets, error.options), ((), (), None))
        self.assertNotIn("options", error.to_dict())

    def test_the_alternatives_are_frozen_values(self):
        a = ClaimSetOption("pid", 1, False)
        b = CredentialSetOption(0, 1, ("pid_mdoc",), True, True)
        for x in (a, b, Display("nl", "p", None)):
            self.assertEqual(x, copy.deepcopy(x))
            self.assertEqual(hash(x), hash(pickle.loads(pickle.dumps(x))))
            with self.assertRaises(dataclasses.FrozenInstanceError):
                setattr(x, dataclasses.fields(x)[0].name, None)
        self.assertNotEqual(a, ClaimSetOption("pid", 1, True))
        self.assertEqual(Display("nl", "p", None).to_dict(), {"lang": "nl", "purpose": "p", "srv_description": None})


class Lifetime(unittest.TestCase):
    def test_closed_verifier_refuses_calls_and_results_outlive_it(self):
        v = Verifier(**demo_config())
        r = v.audit(vector("o4vp/valid-san-dns.jwt"))
        v.close()
        v.close()
        with self.assertRaisesRegex(ValueError, "closed"):
            v.audit(vector("o4vp/valid-san-dns.jwt"))
        with self.assertRaisesRegex(ValueError, "closed"):
            v.check_registration(vector("rc/valid.jwt"))
        self.assertIs(r.verdict, Verdict.ALLOW)
        self.assertEqual(r.relying_party.name, "Example Shop")

    def test_one_verifier_judges_on_many_threads(self):
        request = vector("o4vp/valid-san-dns.jwt").read_bytes()
        with Verifier(**demo_config(register=vector("register/valid.jwt"),
                                    register_anchors=vector("register/pki/reg-root.pem"))) as v:
            expected = v.audit(request).to_json()
            seen, errors = [], []

            def work():
                try:
                    for _ in range(5):
                        seen.append(v.audit(request).to_json())
                except Exception as e:  # reported below
                    errors.append(e)

            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertEqual(seen, [expected] * 20)


# ---- the installed package, and where a package without a bundled library finds one ----

def inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
        return True
    except ValueError:
        return False


def makefile_version() -> str:
    return re.search(r"^VERSION\s*:?=\s*(\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"),
                     re.MULTILINE).group(1)


class InstalledPackage(unittest.TestCase):
    """The package under test is the wheel installed into a virtual environment, and it runs on
    the library the wheel bundles, which is this build's."""

    def test_the_package_is_installed_in_the_virtual_environment(self):
        self.assertNotEqual(sys.prefix, sys.base_prefix, "not a virtual environment")
        venv = os.environ.get("WRP_PYTHON_VENV")
        if venv is not None:
            self.assertEqual(Path(sys.prefix).resolve(), Path(venv).resolve())
        package = Path(wrpcheck.__file__).resolve().parent
        self.assertTrue(inside(package, Path(sys.prefix)), package)
        self.assertEqual(package.parent.name, "site-packages")
        self.assertFalse(inside(package, ROOT / "bindings"), package)
        self.assertTrue((package / "py.typed").is_file())

    def test_the_library_is_the_bundled_copy_of_this_build(self):
        package = Path(wrpcheck.__file__).resolve().parent
        self.assertEqual(wrpcheck.bundled_path(), package / "libwrpcheck.so")
        self.assertEqual(wrpcheck.load(), str(package / "libwrpcheck.so"))
        self.assertEqual(wrpcheck.default_path(), wrpcheck.load())
        self.assertTrue(filecmp.cmp(wrpcheck.load(), BUILD / "libwrpcheck.so", shallow=False))

    def test_the_distribution_is_a_platform_wheel_of_the_librarys_version(self):
        dist = metadata.distribution("wrpcheck")
        self.assertEqual(dist.version, wrpcheck.library_version())
        self.assertEqual(dist.version, makefile_version())
        wheel = dist.read_text("WHEEL") or ""
        self.assertIn("Root-Is-Purelib: false", wheel)
        tags = re.findall(r"^Tag: (\S+)$", wheel, re.MULTILINE)
        self.assertEqual(len(tags), 1)
        self.assertRegex(tags[0], r"^py3-none-linux_")
        files = {str(f) for f in dist.files or ()}
        self.assertTrue({"wrpcheck/libwrpcheck.so", "wrpcheck/py.typed"} <= files, files)


def unbundled_copy(tmp: str) -> Path:
    """The installed package copied to tmp/wrpcheck without its library; returns tmp."""
    shutil.copytree(Path(wrpcheck.__file__).resolve().parent, Path(tmp) / "wrpcheck",
                    ignore=shutil.ignore_patterns("libwrpcheck.so", "__pycache__"))
    return Path(tmp)


LOOKUP_SCRIPT = """
import ctypes.util, json, pathlib, sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
if sys.argv[2] != "-":
    ctypes.util.find_library = lambda name: sys.argv[2] if name == "wrpcheck" else None
import wrpcheck
out = {"file": wrpcheck.__file__}
try:
    out["library"] = wrpcheck.load()
    with wrpcheck.Verifier(ac_anchors=pathlib.Path(sys.argv[3]), time=1798761600) as v:
        out["verdict"] = str(v.audit(b"not a request").verdict)
except wrpcheck.LoadError as e:
    out["error"] = str(e)
print(json.dumps(out))
"""


class LibraryLookup(unittest.TestCase):
    """A package without a bundled library (the installed one, copied without it) finds one in
    $WRPCHECK_LIB, then pkg-config's libdir, then ctypes.util.find_library; each run in its own
    interpreter, with the sanitizer preload this one may carry."""

    def lookup(self, package_dir: Optional[Path], env: Dict[str, str],
               find_library: Optional[str] = None) -> Dict[str, Any]:
        base = {k: v for k, v in os.environ.items() if k not in ("WRPCHECK_LIB", "PKG_CONFIG_PATH",
                                                                 "PKG_CONFIG_LIBDIR", "PKG_CONFIG")}
        with tempfile.TemporaryDirectory() as cwd:
            run = subprocess.run(
                [sys.executable, "-I", "-c", LOOKUP_SCRIPT, str(package_dir or ""),
                 "-" if find_library is None else find_library, str(vector("pki/ac-int.pem"))],
                env={**base, **env}, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(run.returncode, 0, run.stderr)
        return json.loads(run.stdout)

    def no_pkg_config(self, tmp: str) -> Dict[str, str]:
        empty = Path(tmp) / "no-pc"
        empty.mkdir()
        return {"PKG_CONFIG_LIBDIR": str(empty), "PKG_CONFIG_PATH": ""}

    def test_without_a_bundled_library_wrpcheck_lib_is_used(self):
        with tempfile.TemporaryDirectory() as tmp:
            package = unbundled_copy(tmp)
            out = self.lookup(package, {"WRPCHECK_LIB": str(BUILD / "libwrpcheck.so"), **self.no_pkg_config(tmp)},
                              find_library="/no-such-dir/libwrpcheck.so")
            self.assertTrue(inside(Path(out["file"]), package), out)
        self.assertEqual(out.get("library"), str(BUILD / "libwrpcheck.so"), out)
        self.assertEqual(out.get("verdict"), "error", out)

    def test_then_the_pkg_config_libdir(self):
        with tempfile.TemporaryDirectory() as tmp:
            package = unbundled_copy(tmp)
            libdir, pcdir = Path(tmp) / "lib", Path(tmp) / "pkgconfig"
            libdir.mkdir()
            pcdir.mkdir()
            (libdir / "libwrpcheck.so").symlink_to(BUILD / "libwrpcheck.so")
            (pcdir / "wrpcheck.pc").write_text(
                f"prefix={tmp}\nlibdir=${{prefix}}/lib\n\nName: wrpcheck\nDescription: test\n"
                f"Version: {makefile_version()}\nLibs: -L${{libdir}} -lwrpcheck\n", encoding="utf-8")
            out = self.lookup(package, {"PKG_CONFIG_PATH": str(pcdir), "PKG_CONFIG_LIBDIR": str(pcdir)},
                              find_library="/no-such-dir/libwrpcheck.so")
        self.assertEqual(out.get("library"), str(libdir / "libwrpcheck.so"), out)
        self.assertEqual(out.get("verdict"), "error", out)

    def test_then_find_library(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = self.lookup(unbundled_copy(tmp), self.no_pkg_config(tmp),
                              find_library=str(BUILD / "libwrpcheck.so"))
        self.assertEqual(out.get("library"), str(BUILD / "libwrpcheck.so"), out)
        self.assertEqual(out.get("verdict"), "error", out)

    def test_none_found_names_the_three_places(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = self.lookup(unbundled_copy(tmp), self.no_pkg_config(tmp), find_library="")
        self.assertNotIn("library", out)
        error = out.get("error", "")
        for place in ("WRPCHECK_LIB", "pkg-config --variable=libdir wrpcheck",
                      'ctypes.util.find_library("wrpcheck")'):
            self.assertIn(place, error)
        self.assertTrue(issubclass(LoadError, ImportError))

    def test_the_bundled_library_comes_first(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = self.lookup(None, {"WRPCHECK_LIB": "/no-such-dir/libwrpcheck.so", **self.no_pkg_config(tmp)})
        self.assertEqual(out.get("library"), wrpcheck.load(), out)
        self.assertEqual(Path(out["file"]).resolve(), Path(wrpcheck.__file__).resolve())


if __name__ == "__main__":
    unittest.main()
