#!/usr/bin/env python3
"""The HTML reports in a real browser, one test program of tests/run.sh (run from the repository
root, $WRP_BUILD the build under test; prints cmocka's lines).

Each page is written by the CLI with the exact arguments of its end-to-end case (cases.tsv or
batch.tsv: a deny with overasking and alternatives, an allow, an intermediated request, a relying
party whose name holds markup, a folder batch) and rendered by headless Chromium (`make deps`
installs Debian's chromium), which gives the DOM it built and a screenshot. Checked:
- the DOM: the verdict banner comes first, then who asks, then what is asked against what is
  registered, then the details; it holds the verdict, the relying party (or says none is verified)
  and the code of every finding of the case's expected result; it has no script, no image, no
  frame, no link and no attribute that loads anything; text from the request is text (`<script>`
  in a relying party's name is a text node, never an element);
- the screenshot: not blank, and the verdict's colour fills part of its top, where a person looks
  first.
The screenshots are kept in $WRP_BUILD/html-shots/ to be looked at. A missing browser is a failure,
not a skip.
"""

import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

BUILD = os.environ.get("WRP_BUILD", "build")
E2E = "testvectors/e2e/"
# (case, table): the pages looked at
PAGES = [("report-html-deny", "cases.tsv"), ("report-html-allow", "cases.tsv"),
         ("report-html-intermediary", "cases.tsv"), ("report-html-hostile", "cases.tsv"),
         ("report-html-unverified", "cases.tsv"), ("reports-folder-html", "batch.tsv")]
# the banner's border colour of each verdict (html.c)
COLOURS = {"allow": (0x1a, 0x7f, 0x37), "warn": (0xb2, 0x6a, 0x00), "deny": (0xc0, 0x26, 0x2d),
           "error": (0x43, 0x4c, 0x57)}
LOADERS = {"script", "img", "iframe", "frame", "object", "embed", "link", "video", "audio", "source",
           "picture", "svg", "form", "base", "a"}


def browser():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def case_args(name, table):
    with open(E2E + table) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == name:
                return int(fields[1]), fields[4].split(" ")
    raise AssertionError("no case %s in %s" % (name, table))


def render(chromium, page, png, tmp):
    """The DOM Chromium built from page, and its screenshot (1200 x 1600) in png."""
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--disable-extensions", "--no-first-run", "--user-data-dir=" + os.path.join(tmp, "profile"),
           "--hide-scrollbars", "--run-all-compositor-stages-before-draw", "--window-size=1200,1600",
           "--screenshot=" + png, "--dump-dom", "file://" + os.path.abspath(page)]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
    if r.returncode != 0 or not os.path.exists(png):
        raise AssertionError("chromium failed (%d): %s" % (r.returncode, r.stderr.decode(errors="replace")[-600:]))
    return r.stdout.decode()


class Dom(html.parser.HTMLParser):
    """The elements in document order (tag, attributes, text inside), and every text node."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack, self.texts = [], [], []

    def handle_starttag(self, tag, attrs):
        e = {"tag": tag, "attrs": dict(attrs), "text": []}
        self.elements.append(e)
        if tag not in ("meta", "br", "hr", "col", "input", "link", "img", "source"):
            self.stack.append(e)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        self.texts.append(data)
        for e in self.stack:
            e["text"].append(data)


def text_of(e):
    return " ".join("".join(e["text"]).split())


def first(dom, pred, what):
    for i, e in enumerate(dom.elements):
        if pred(e):
            return i, e
    raise AssertionError("the page has no " + what)


def check_dom(dom_text, expected, batch, args):
    dom = Dom()
    dom.feed(dom_text)
    verdict = expected["verdict"]
    i_v, banner = first(dom, lambda e: e["tag"] == "header" and "verdict" in e["attrs"].get("class", ""),
                        "verdict banner")
    if banner["attrs"].get("data-verdict") != verdict or verdict not in text_of(banner):
        raise AssertionError("the banner says %r, expected the verdict %s" % (text_of(banner), verdict))
    body = [e for e in dom.elements if e["tag"] in ("h2", "h3", "table", "section", "p", "div")]
    if any(dom.elements.index(e) < i_v for e in body if e["attrs"].get("class") != "doc"):
        raise AssertionError("something comes before the verdict")
    order = ["requests", "codes"] if batch else ["who", "asked", "details"]
    at = [first(dom, lambda e, s=s: e["tag"] == "section" and e["attrs"].get("id") == s, "section " + s)
          for s in order]
    if [i for i, _ in at] != sorted(i for i, _ in at) or at[0][0] < i_v:
        raise AssertionError("sections out of order: expected verdict, then %s" % ", then ".join(order))
    for e in dom.elements:
        if e["tag"] in LOADERS:
            raise AssertionError("the page has a <%s> element" % e["tag"])
        for k, val in e["attrs"].items():
            if k in ("src", "href", "srcset", "action", "background", "poster") or k.startswith("on") or \
                    "url(" in (val or ""):
                raise AssertionError("the page has an attribute that loads or runs something: %s=%r" % (k, val))
    style = "".join(text_of(e) for e in dom.elements if e["tag"] == "style")
    if "url(" in style or "@import" in style:
        raise AssertionError("the style loads something")
    if batch:
        rows = [e for e in dom.elements if e["tag"] == "tr" and e["attrs"].get("class", "").startswith("r-")]
        results = expected["results"]
        folder = args[args.index("--batch") + 1].rstrip("/") + "/"  # the page shows paths within it
        if len(rows) != len(results):
            raise AssertionError("%d request rows, expected %d" % (len(rows), len(results)))
        for row, r in zip(rows, results):
            t = text_of(row)
            if r["request"][len(folder):] not in t or row["attrs"]["class"] != "r-" + r["verdict"]:
                raise AssertionError("row %r, expected %s with %s" % (t, r["request"], r["verdict"]))
            for f in r["findings"]:
                if f["code"] not in t:
                    raise AssertionError("row %s lacks %s" % (r["request"], f["code"]))
            if r["relying_party"] and r["relying_party"]["name"] not in t:
                raise AssertionError("row %s lacks the relying party" % r["request"])
        return
    _, who = at[0]
    rp = expected["relying_party"]
    if rp is not None:
        if rp["name"] not in text_of(who):
            raise AssertionError("who asks does not name %r: %r" % (rp["name"], text_of(who)[:300]))
    elif "No verified relying party" not in text_of(who):
        raise AssertionError("who asks does not say that no relying party is verified")
    im = expected.get("intermediary")
    if im and (im["name"] not in text_of(who) or im["identifier"] not in text_of(who)):
        raise AssertionError("who asks does not name the intermediary")
    codes = [e for e in dom.elements if e["tag"] == "code" and e["attrs"].get("class") == "code"]
    found = [text_of(e) for e in codes]
    want = [f["code"] for f in expected["findings"]]
    if found != want:
        raise AssertionError("findings %s, expected %s" % (found, want))
    if rp is not None and any(ch in rp["name"] for ch in "<>&"):
        # markup in the name is a text node of the page, never an element
        if not any(rp["name"] in t for t in dom.texts):
            raise AssertionError("the name %r is not a text of the page" % rp["name"])


def png_pixels(path):
    """Width, height and rows of (r, g, b) of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise AssertionError("PNG of depth %d, colour type %d, interlace %d" % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ft == 1:
                line[x] = (line[x] + a) & 255
            elif ft == 2:
                line[x] = (line[x] + b) & 255
            elif ft == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def check_screenshot(png, verdict):
    w, h, bpp, rows = png_pixels(png)
    if (w, h) != (1200, 1600):
        raise AssertionError("screenshot of %dx%d" % (w, h))
    ink = 0
    for row in rows[::4]:
        for x in range(0, w * bpp, 4 * bpp):
            if min(row[x], row[x + 1], row[x + 2]) < 200:
                ink += 1
    share = ink / ((h // 4) * (w // 4))
    if share < 0.02:
        raise AssertionError("the screenshot is blank (%.1f%% of it dark)" % (100 * share))
    want = COLOURS[verdict]
    top = 0
    for row in rows[:h // 5]:
        for x in range(0, w * bpp, bpp):
            if all(abs(row[x + k] - want[k]) <= 12 for k in range(3)):
                top += 1
    if top < 3000:
        raise AssertionError("the top fifth holds %d pixels of the %s colour: the verdict is not what "
                             "one sees first" % (top, verdict))


def main():
    chromium = browser()
    tests, failed = [], []
    shots = os.path.join(BUILD, "html-shots")
    os.makedirs(shots, exist_ok=True)
    print("[==========] html: running %d test(s)." % (1 if chromium is None else 2 * len(PAGES)))
    if chromium is None:
        print("[ RUN      ] browser_present")
        print("chromium not found (make deps installs Debian's chromium)")
        print("[  FAILED  ] browser_present")
        print("[  PASSED  ] 0 test(s).")
        print("[  FAILED  ] 1 test(s), listed below:")
        print("[  FAILED  ] browser_present")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for name, table in PAGES:
            status, args = case_args(name, table)
            page = os.path.join(tmp, name + ".html")
            png = os.path.join(shots, name + ".png")
            batch = table == "batch.tsv"
            expected_name = name[:-len("-html")] if batch else name
            with open(E2E + "expected/" + expected_name + ".json") as f:
                expected = json.load(f)
            if batch:
                expected["verdict"] = next((v for v in ("error", "deny", "warn")
                                            if any(r["verdict"] == v for r in expected["results"])), "allow")
            dom_text = None
            for test, run in (("dom", "dom"), ("screenshot", "png")):
                title = "%s_%s" % (name.replace("-", "_"), test)
                print("[ RUN      ] " + title)
                try:
                    if dom_text is None:
                        if os.path.exists(png):
                            os.remove(png)
                        with open(page, "wb") as out:
                            r = subprocess.run([os.path.join(BUILD, "wrpcheck")] + args, stdout=out,
                                               stderr=subprocess.PIPE, timeout=120)
                        if r.returncode != status:
                            raise AssertionError("wrpcheck exited %d, expected %d: %s" %
                                                 (r.returncode, status, r.stderr.decode(errors="replace")))
                        dom_text = render(chromium, page, png, tmp)
                    if run == "dom":
                        check_dom(dom_text, expected, batch, args)
                    else:
                        check_screenshot(png, expected["verdict"])
                    print("[       OK ] " + title)
                except (AssertionError, OSError, subprocess.SubprocessError) as e:
                    print("%s: %s" % (title, e))
                    print("[  FAILED  ] " + title)
                    failed.append(title)
                tests.append(title)
    print("[==========] html: %d test(s) run; screenshots in %s" % (len(tests), shots))
    print("[  PASSED  ] %d test(s)." % (len(tests) - len(failed)))
    if failed:
        print("[  FAILED  ] %d test(s), listed below:" % len(failed))
        for t in failed:
            print("[  FAILED  ] " + t)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
