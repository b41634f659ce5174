#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The public site's pages checked with axe-core in headless Chromium, at 375 and 1280 px.

Starts dialogue-site on the demo, saves one page of every kind (and a form sent back with
errors, and a page in English) with its stylesheet into a folder, and opens a runner page there
that loads each one in an iframe of the width and runs axe-core in it. The site's CSP forbids
scripts, so axe runs on the saved copies (file://, no CSP), not on the live pages. One Chromium
for everything: a few seconds. TAP output; skipped without Chromium or axe-core
(`npm install --prefix tests/axe axe-core`, as .ci/run does).
"""

import html
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

SOURCE = os.path.dirname(os.path.abspath(__file__))
WIDTHS = [375, 1280]
DEMO = "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a01"
DONE = "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a02"
PAGES = [
    ("index", "/", None),
    ("process", "/p/" + DEMO, None),
    ("process-en", "/p/" + DEMO, "en"),
    ("contributions", "/p/" + DEMO + "/contributions", None),
    ("ideas", "/p/" + DEMO + "/contribute/ideas", None),
    ("map", "/p/" + DEMO + "/contribute/map", None),
    ("debate", "/p/" + DEMO + "/contribute/debate", None),
    ("questionnaire", "/p/" + DEMO + "/contribute/questionnaire", None),
    ("projects", "/p/" + DEMO + "/contribute/call_for_projects", None),
    ("register", "/p/" + DEMO + "/register", None),
    ("thanks", "/p/" + DEMO + "/merci?f=ideas", None),
    ("narrative", "/p/" + DEMO + "/narratives/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1b01", None),
    ("response", "/p/" + DONE + "/response", None),
    ("follow-up", "/p/" + DONE + "/follow-up", None),
    ("not-found", "/nowhere", None),
    ("accessibility", "/accessibilite", None),
    ("legal", "/mentions-legales", None),
    ("privacy", "/confidentialite", None),
]

RUNNER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>axe</title></head><body>
<iframe id="frame" title="page" style="border:0;height:900px"></iframe>
<pre id="out"></pre>
<script>
const pages = %(pages)s, widths = %(widths)s;
async function run () {
  const frame = document.getElementById ('frame'), results = [];
  for (const width of widths)
    for (const page of pages) {
      frame.style.width = width + 'px';
      await new Promise (done => { frame.onload = done; frame.src = page + '.html'; });
      const doc = frame.contentDocument, script = doc.createElement ('script');
      script.src = 'axe.min.js';
      await new Promise ((done, fail) => { script.onload = done; script.onerror = fail;
                                           doc.head.appendChild (script); });
      const r = await frame.contentWindow.axe.run (doc, { resultTypes: ['violations'] });
      results.push ({ page, width, violations: r.violations.map (v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice (0, 5).map (n => n.target.join (' ')) })) });
    }
  document.getElementById ('out').textContent =
    'AXE-RESULT' + JSON.stringify (results) + 'AXE-END';
}
run ().catch (e => { document.getElementById ('out').textContent = 'AXE-ERROR ' + e + 'AXE-END'; });
</script></body></html>
"""


def skip(reason):
    print("1..0 # SKIP " + reason)
    sys.exit(0)


def find_axe():
    for path in (os.environ.get("AXE_CORE_JS"),
                 os.path.join(SOURCE, "axe", "node_modules", "axe-core", "axe.min.js")):
        if path and os.path.isfile(path):
            return path
    return None


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    site = os.environ.get("DIALOGUE_SITE")
    axe = find_axe()
    if chromium is None:
        skip("no chromium")
    if axe is None:
        skip("no axe-core (npm install --prefix tests/axe axe-core)")
    if site is None or not os.path.exists(site):
        skip("DIALOGUE_SITE is not set")

    work = tempfile.mkdtemp(prefix="dlg-axe-")
    server = subprocess.Popen([site, "--db", os.path.join(work, "site.db"), "--demo",
                               "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        if match is None:
            print("Bail out! dialogue-site did not start: " + line)
            return 1
        base = match.group(1).rstrip("/")
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def fetch(path, lang=None, data=None):
            request = urllib.request.Request(base + path, data=data)
            if lang:
                request.add_header("Accept-Language", lang)
            try:
                with opener.open(request) as reply:
                    return reply.read().decode("utf-8")
            except urllib.error.HTTPError as error:   # a 404 or a 422 page is a page too
                return error.read().decode("utf-8")

        def save(name, page):
            page = page.replace('href="/static/site.css"', 'href="site.css"')
            with open(os.path.join(work, name + ".html"), "w", encoding="utf-8") as out:
                out.write(page)

        for name, path, lang in PAGES:
            save(name, fetch(path, lang))
        # A form sent back with its errors.
        form = fetch("/p/" + DEMO + "/contribute/ideas")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, "title": "", "body": ""}).encode()
        save("form-error", fetch("/p/" + DEMO + "/contribute/ideas", data=body))
        with open(os.path.join(work, "site.css"), "w", encoding="utf-8") as out:
            out.write(fetch("/static/site.css"))
    finally:
        server.terminate()
        server.wait()

    names = [name for name, _, _ in PAGES] + ["form-error"]
    shutil.copy(axe, os.path.join(work, "axe.min.js"))
    with open(os.path.join(work, "runner.html"), "w", encoding="utf-8") as out:
        out.write(RUNNER % {"pages": json.dumps(names), "widths": json.dumps(WIDTHS)})
    profile = os.path.join(work, "profile")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-first-run", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync",
                          "--user-data-dir=" + profile, "--allow-file-access-from-files",
                          "--window-size=1400,1000", "--virtual-time-budget=600000",
                          "--dump-dom", "file://" + os.path.join(work, "runner.html")],
                         capture_output=True, text=True, timeout=240).stdout
    shutil.rmtree(work, ignore_errors=True)
    match = re.search(r'<pre id="out">AXE-RESULT(.*?)AXE-END</pre>', dom, re.S)
    if match is None:
        error = re.search(r'<pre id="out">AXE-ERROR(.*?)AXE-END</pre>', dom, re.S)
        print("Bail out! axe did not finish: " + (error.group(1) if error else dom[-500:]))
        return 1
    results = json.loads(html.unescape(match.group(1)))
    print("1..%d" % len(results))
    failed = 0
    for i, result in enumerate(results, 1):
        ok = not result["violations"]
        failed += not ok
        print("%s %d - %s at %d px" % ("ok" if ok else "not ok", i, result["page"],
                                       result["width"]))
        for v in result["violations"]:
            print("# %s (%s): %s — %s" % (v["id"], v["impact"], v["help"], "; ".join(v["nodes"])))
    if len(results) != len(names) * len(WIDTHS):
        print("Bail out! %d results for %d pages" % (len(results), len(names) * len(WIDTHS)))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
