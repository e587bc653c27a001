"""The Python binding judged against the CLI: every case of bindings/cases.tsv, run through both,
must give the same JSON. Then the binding's own promises: errors with the library's status, the
library's code table, loading, bytes and paths, closing, threads.

Run from anywhere: paths are resolved from this file. $WRP_BUILD names the build directory
(default build/), whose wrpcheck and libwrpcheck.so are compared; $WRPCHECK_LIB overrides the
library.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BUILD = ROOT / os.environ.get("WRP_BUILD", "build")
CLI = BUILD / "wrpcheck"
sys.path.insert(0, str(ROOT / "bindings" / "python"))

import wrpcheck  # noqa: E402
from wrpcheck import (Kind, LoadError, Mode, Severity, Status, Verdict, Verifier,  # noqa: E402
                      WrpError)

EXIT = {"allow": 0, "deny": 1, "error": 2, "warn": 3}
DEMO_TIME = 1798761600


def setUpModule():
    wrpcheck.load(os.environ.get("WRPCHECK_LIB") or BUILD / "libwrpcheck.so")


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
REQUEST_STRINGS = {"--client-id": "client_id", "--origin": "origin", "--kind": "kind"}


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
    def test_bytes_and_paths_give_the_same_judgement(self):
        request = vector("o4vp/valid-san-dns.jwt")
        data = request.read_bytes()
        config_as_bytes = {k: (v.read_bytes() if isinstance(v, Path) else v) for k, v in demo_config().items()}
        with Verifier(**demo_config()) as by_path, Verifier(**config_as_bytes) as by_bytes:
            results = [by_path.audit(x) for x in (request, str(request), data, bytearray(data), memoryview(data))]
            results.append(by_bytes.audit(data))
        self.assertEqual({r.to_json() for r in results}, {results[0].to_json()})
        self.assertIs(results[0].verdict, Verdict.ALLOW)

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


if __name__ == "__main__":
    unittest.main()
