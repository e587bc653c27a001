"""End-to-end cases of the reports for people and spreadsheets (contract v1.1 `--format html`, and
`--batch` over a folder with `--format csv` / `--format html`), built by testvectors/gen_e2e.py
(build_topics).

An html case (cases.tsv or batch.tsv, check `html`) holds, besides the result, the strings the page
must hold (`html_has`) and must not (`html_lacks`): the verdict, each finding's code, the relying
party and the intermediary as verified, and the SHA-256 of every input file, each as the page
writes it (a text from an input HTML-escaped, so `<script>` in a relying party's name is text).
tests/html/run-tests.sh renders some of these pages in a browser.

A folder batch (batch/reports-folder/) walks subfolders in byte order of the paths and skips the
files that are clearly not requests (a README, PEM certificates, a web page); its CSV is written
here from the results, by Python's csv module (RFC 4180, CRLF), and compared byte for byte.
"""

import csv
import hashlib
import io
import json
import os

import gen_e2e as e

# A relying party's name and purpose that a report must show as text, never as markup, and never
# as a spreadsheet formula.
HOSTILE_NAME = '=HYPERLINK("https://evil.example/","Shop"), <script>alert(1)</script> & Co'
HOSTILE_PURPOSE = "Age check \u202e<img src=x onerror=alert(2)>"


def html_text(s):
    """A text from an input as the page writes it (ASCII and U+202E here: cli_text, then escaped)."""
    s = s.replace("\u202e", "\\u202e")
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        s = s.replace(a, b)
    return s


def file_bytes(v, path):
    rel = path[len(e.REL):] if path.startswith(e.REL) else None
    if rel is not None and rel in v.files:
        return v.files[rel]
    with open(os.path.join(e.ROOT, path), "rb") as f:
        return f.read()


def code_value(name):
    """A finding code's value in include/wrpcheck.h (the order of the totals)."""
    with open(os.path.join(e.ROOT, "include/wrpcheck.h")) as f:
        for line in f:
            parts = line.strip().rstrip("\\").strip()
            if parts == "X(%s," % name or parts.startswith("X(%s, " % name):
                return int(parts.split(",")[1].strip(" )"))
    raise KeyError(name)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def page_strings(v, result, inputs):
    """What every page of a result holds: each finding's code, the relying party and intermediary
    as verified, the digest of every input file."""
    has = ['<code class="code">%s</code>' % f["code"] for f in result["findings"]]
    rp = result["relying_party"]
    items = result["requested"]
    if rp is not None and items:
        n, yes = len(items), sum(1 for i in items if i["registered"])
        has.append("%d item%s requested: %d registered, %d not registered." % (n, "" if n == 1 else "s", yes, n - yes))
    if rp is not None:
        has.append('<p class="name"><bdi>%s</bdi></p>' % html_text(rp["name"]))
        has.append("<bdi>%s</bdi>" % html_text(rp["identifier"]))
    else:
        has.append("No verified relying party")
    im = result.get("intermediary")
    if im:
        has.append("<b>Through an intermediary:</b> <bdi>%s</bdi> (<bdi>%s</bdi>)" %
                   (html_text(im["name"]), html_text(im["identifier"])))
    for path in inputs:
        has.append("<code>%s</code>" % sha256(file_bytes(v, path)))
    return has


def html_case(v, name, request, args=(), html_has=(), html_lacks=(), **kw):
    """An html case of cases.tsv; the expected result is the same as the json case's would be."""
    v.add(name, request, args=args, fmt="html", **kw)
    argv = v.lines[-1].split("\t")[4].split(" ")  # as cases.tsv has them: the request last
    inputs = [argv[-1]] + [argv[i + 1] for i, a in enumerate(argv[:-1])
                           if a in ("--ac-anchors", "--rc-anchors", "--crl", "--status-list", "--transcript")]
    # the result as the json case has it (written by add), and what the page shows of it
    result = v.results[name]
    has = page_strings(v, result, inputs) + list(html_has)
    out = json.loads(v.files["expected/%s.json" % name])
    out["html_has"] = has
    out["html_lacks"] = ["<script", "<img", "<a ", "<link", "<iframe"] + list(html_lacks)
    v.files["expected/%s.json" % name] = (json.dumps(out, indent=1) + "\n").encode()


HEAD = ["record", "file", "verdict", "relying_party", "relying_party_identifier", "access_certificate_subject",
        "finding_codes", "sha256", "count"]


def csv_text(rows):
    f = io.StringIO()
    w = csv.writer(f, lineterminator="\r\n")
    for r in rows:
        w.writerow(["'" + x if x[:1] in ("=", "+", "-", "@") else x for x in r])
    return f.getvalue()


def folder(v, name, entries, fmt, args=()):
    """A batch over the folder batch/<name>/ (written once, shared by its cases): entries are
    (path in the folder, bytes, the case whose result the file gives, or the shape it is skipped
    as). One case per format: <name> (json), <name>-csv, <name>-html."""
    case = name if fmt == "json" else "%s-%s" % (name, fmt)
    assert case not in v.names, case
    v.names.add(case)
    base = "batch/%s/" % name
    results, skipped, rows = [], [], []
    for rel, data, want in sorted(entries, key=lambda x: x[0].encode()):
        path = v.put(base + rel, data)
        if want.startswith("skip:"):
            skipped.append({"file": path, "looks_like": want[5:]})
            rows.append(["skipped", path, "", "", "", "", "", sha256(data), "1"])
            continue
        r = dict({"request": path}, **v.results[want])
        results.append(r)
        rp = r["relying_party"] or {}
        ac = r.get("access_certificate") or {}
        rows.append(["request", path, r["verdict"], rp.get("name") or "", rp.get("identifier") or "",
                     ac.get("subject", ""), " ".join(f["code"] for f in r["findings"]), sha256(data), "1"])
    summary = {"requests": len(results),
               "verdicts": {k: sum(1 for r in results if r["verdict"] == k)
                            for k in ("allow", "warn", "deny", "error")},
               "codes": {}}
    for r in results:
        for f in r["findings"]:
            summary["codes"][f["code"]] = summary["codes"].get(f["code"], 0) + 1
    codes = {}
    for code in sorted(summary["codes"], key=code_value):
        codes[code] = summary["codes"][code]
    summary["codes"] = codes
    summary["skipped"] = len(skipped)
    summary["skipped_files"] = skipped
    verdicts = {r["verdict"] for r in results}
    worst = next((k for k in ("error", "deny", "warn") if k in verdicts), "allow")
    argv = ["audit"] + list(e.BASE) + list(args) + ["--format", fmt, "--batch", e.REL + base[:-1]]
    if fmt == "json":
        v.put("expected/%s.json" % case, json.dumps({"results": results, "summary": summary}, indent=1) + "\n")
    elif fmt == "csv":
        totals = [["total", "", "", "", "", "", "", "", str(len(results))]]
        totals += [["total", "", k, "", "", "", "", "", str(n)] for k, n in summary["verdicts"].items()]
        totals += [["total", "", "skipped", "", "", "", "", "", str(len(skipped))]]
        totals += [["total", "", "", "", "", "", k, "", str(n)] for k, n in codes.items()]
        v.put("expected/%s.csv" % case, csv_text([HEAD] + rows + totals))
    else:
        has = ['<span class="tag t-%s">' % worst, "%d skipped (not requests)" % len(skipped)]
        shown = len(e.REL + base)  # a folder batch's page shows paths within the folder
        for r in results:
            has.append("<code><bdi>%s</bdi></code>" % html_text(r["request"][shown:]))
            if r["relying_party"] is not None:
                has.append("<bdi>%s</bdi>" % html_text(r["relying_party"]["name"]))
        for s in skipped:
            has.append("<tr><td><code><bdi>%s</bdi></code></td><td>%s</td></tr>" %
                       (html_text(s["file"][shown:]), html_text(s["looks_like"])))
        for code, n in codes.items():
            has.append('<tr><td><code class="code">%s</code></td><td>%d</td></tr>' % (code, n))
        for rel, data, want in entries:
            if not want.startswith("skip:"):
                has.append("<code>%s</code>" % sha256(data))
        v.put("expected/%s.json" % case, json.dumps({
            "verdict": worst, "html_has": has,
            "html_lacks": ["<script", "<img", "<a ", "<link", "<iframe"]}, indent=1) + "\n")
    status = next((e.EXIT[k] for k in ("error", "deny", "warn") if k in verdicts), 0)
    v.batch_lines.append("\t".join([case, str(status), "csv" if fmt == "csv" else "batch" if fmt == "json" else "html",
                                    "-", " ".join(argv)]))


def build(v):
    F, OA, OAC = e.F, e.OA, e.OAC
    c, sdjwt, mdocq = e.c, e.sdjwt, e.mdocq

    v.section("reports: --format html (contract v1.1)")
    # deny: pid asks for a claim its registration does not hold; the request offers a registered
    # claim set of pid and, in its credential set, the registered pid_mdoc instead; a third
    # credential's type is not registered at all
    query = [sdjwt("pid", [c("given_name", cid="a"), c("birth_date", cid="b")], claim_sets=[["a", "b"], ["a"]]),
             mdocq("pid_mdoc", [c(e.PID_NS, "age_over_18")]),
             sdjwt("club", [c("member_since")], vct=["urn:example:club:1"])]
    sets = [{"options": [["pid"], ["pid_mdoc"]]}, {"options": [["club"]], "required": False}]
    deny = e.request_object(e.params(query, sets=sets))
    html_case(v, "report-html-deny", deny, query=query, rp=e.RC_PAYLOAD,
              findings=[OA("pid", e.PID, "birth_date"), OAC("club", "urn:example:club:1")],
              html_has=["&#10007; no: overasked",
                        "The request also accepts credential_sets[0] option 1: <code><bdi>pid_mdoc</bdi></code>, "
                        "which is registered.",
                        "claim_sets option 1 of this credential is registered."])
    ok = [sdjwt("pid", [c("given_name"), c("family_name")])]
    html_case(v, "report-html-allow", e.REL + "req/allow-basic.jwt", query=None,
              requested=v.results["allow-basic"]["requested"], rp=e.RC_PAYLOAD)
    import e2e_intermediary as im
    served = im.served(intermediary=im.intermediary())
    html_case(v, "report-html-intermediary", e.REL + "req/intermediary-allow.jwt", query=ok, rp=served)
    # the relying party's own texts are shown as text: markup escaped, a formula not evaluated, a
    # right-to-left override made visible
    hostile = e.rc_payload(name=HOSTILE_NAME, purpose=[{"lang": "en", "value": HOSTILE_PURPOSE}])
    html_case(v, "report-html-hostile", e.request_object(e.params(ok, rc=e.rc_jwt(hostile))), query=ok,
              rp=hostile, html_has=["<title>wrpcheck audit report: allow - " + html_text(HOSTILE_NAME) + "</title>",
                                    html_text(HOSTILE_PURPOSE)],
              html_lacks=["\u202e"])
    # no registration: nothing to compare with, so nothing is called overasked; the access
    # certificate says who signed
    html_case(v, "report-html-unverified", e.REL + "req/rc-missing.jwt", query=ok, findings=[F("RC_MISSING")],
              sources=[], html_has=["not checked (no registration)", "2 items requested, none checked",
                                    "organizationIdentifier=" + e.LEI, "&#10003; verified"],
              html_lacks=["overasked"])
    html_case(v, "report-html-mdoc", e.REL + "req/mdoc-allow.cbor", kind="mdoc",
              args=["--transcript", e.REL + "transcript.cbor"], query=None, rp=e.RC_PAYLOAD,
              requested=v.results["mdoc-allow"]["requested"], html_has=["ISO/IEC 18013-5 DeviceRequest"])
    # an input that cannot be used is a page too: verdict error, and it says which file
    missing = e.REL + "no-such-file.pem"
    v.unreadable("report-html-unreadable", e.REL + "req/allow-basic.jwt", ["--crl", missing], kind="openid4vp",
                 fmt="html")
    out = json.loads(v.files["expected/report-html-unreadable.json"])
    out["html_has"] = ['<code class="code">INPUT_UNREADABLE</code>', "cannot read CRL file " + missing,
                       "<code><bdi>%s</bdi></code></td><td colspan=\"2\"><span class=\"none\">cannot be read" % missing]
    v.files["expected/report-html-unreadable.json"] = (json.dumps(out, indent=1) + "\n").encode()
    v.usage("report-csv-needs-batch", ["audit"] + list(e.BASE) + ["--format", "csv", e.REL + "req/allow-basic.jwt"])
    v.usage("report-html-not-for-rc", ["rc", "--format", "html", e.REL + "rc/valid.jwt"])

    # -----------------------------------------------------------------------------------------
    # A folder batch: subfolders walked in byte order, files that are not requests skipped
    v.add("report-malformed", b"a.b.c\n", findings=[F("REQUEST_MALFORMED")], access_certificate=False)
    with open(os.path.join(e.ROOT, "testvectors/pki/ac-root.pem"), "rb") as f:
        pem = f.read()
    entries = [
        ("allow.jwt", file_bytes(v, e.REL + "req/allow-basic.jwt"), "report-html-allow"),
        ("README.md", b"# Captured requests\n\nCase 2026-117, captured by the inspector.\n", "skip:plain text"),
        ("certs/ac-root.pem", pem, "skip:PEM text"),
        ("deny/overask.jwt", deny, "report-html-deny"),
        ("deny/older/no-registration.jwt", file_bytes(v, e.REL + "req/rc-missing.jwt"), "report-html-unverified"),
        ("hostile.jwt", file_bytes(v, e.REL + "req/report-html-hostile.jwt"), "report-html-hostile"),
        ("malformed.jwt", b"a.b.c\n", "report-malformed"),
        ("page.html", b"<!DOCTYPE html>\n<title>saved page</title>\n", "skip:HTML"),
        ("via-platform/request.jwt", file_bytes(v, e.REL + "req/intermediary-allow.jwt"), "report-html-intermediary"),
    ]
    for fmt in ("json", "csv", "html"):
        folder(v, "reports-folder", entries, fmt)
    # a file of the command line that cannot be used: the table holds the header and the batch's
    # one result, INPUT_UNREADABLE (as the JSON output holds that one object)
    name = "reports-folder-csv-unusable"
    v.names.add(name)
    batch = e.REL + "batch/reports-folder"
    v.put("expected/%s.csv" % name, csv_text([HEAD, ["request", batch, "error", "", "", "", "INPUT_UNREADABLE",
                                                     "", "1"]]))
    argv = ["audit"] + list(e.BASE) + ["--crl", missing, "--format", "csv", "--batch", batch]
    v.batch_lines.append("\t".join([name, "2", "csv", "-", " ".join(argv)]))
