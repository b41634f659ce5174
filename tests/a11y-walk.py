#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""a11y-walk.py — walks the AT-SPI tree of every view of the window (issue 13).

Runs under Xvfb and a D-Bus session of its own (meson runs it through xvfb-run and
dbus-run-session; the session bus starts at-spi2-core's registry on demand). For each stage and
cross-stage page, starts `dialogue --db COPY --stage PAGE` on a copy of the demo database made
with `dialogue-cli demo`, waits for its window in the accessibility tree, and walks what is
showing, as a screen reader sees it (python3-pyatspi). It fails on:

- an interactive control (button, toggle, check box, radio, switch, drop-down, entry, spin
  button, slider, link, editable text, page tab) with no accessible name;
- a name that still carries the mnemonic underscore ("_Reopen…");
- controls of the same role and name repeated in a list ("Invitation" on every row), which a
  screen reader cannot tell apart.

Usage: a11y-walk.py DIALOGUE DIALOGUE_CLI [PAGE…]   (every page when none is given)
Prints TAP.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import GLib

PAGES = [
    "diagnostic", "arbitration", "specification", "mandate", "recruitment", "workshop",
    "opinion", "review", "validation", "response", "implementation", "follow_up",
    "contributions", "narratives", "journal", "communication",
]

R = pyatspi
INTERACTIVE = {
    R.ROLE_PUSH_BUTTON, R.ROLE_TOGGLE_BUTTON, R.ROLE_CHECK_BOX, R.ROLE_RADIO_BUTTON,
    R.ROLE_COMBO_BOX, R.ROLE_ENTRY, R.ROLE_PASSWORD_TEXT, R.ROLE_SPIN_BUTTON, R.ROLE_SLIDER,
    R.ROLE_LINK, R.ROLE_PAGE_TAB, R.ROLE_MENU_ITEM, R.ROLE_CHECK_MENU_ITEM,
    R.ROLE_RADIO_MENU_ITEM,
}
if hasattr(R, "ROLE_SWITCH"):
    INTERACTIVE.add(R.ROLE_SWITCH)
# Text areas count when they can be edited; rows when they can take the focus.
EDITABLE_TEXT = {R.ROLE_TEXT, R.ROLE_TERMINAL}
FOCUSABLE_ROWS = {R.ROLE_LIST_ITEM, R.ROLE_TABLE_ROW, R.ROLE_TREE_ITEM}
CONTAINERS = {R.ROLE_LIST, R.ROLE_LIST_BOX, R.ROLE_TABLE, R.ROLE_TREE_TABLE, R.ROLE_TREE}
MNEMONIC = re.compile(r"(^|[\s(“«])_[^\W_]", re.UNICODE)
TYPE_NAME = re.compile(r"^(Gtk|Adw|Dlg)[A-Z]\w*$")
MAX_NODES = 20000


def log(*args):
    print("#", *args, flush=True)


def find_app(pid, timeout=30):
    desktop = pyatspi.Registry.getDesktop(0)
    end = time.time() + timeout
    while time.time() < end:
        # libatspi learns of new applications from the registry's signals: let them in.
        ctx = GLib.MainContext.default()
        while ctx.iteration(False):
            pass
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and app.get_process_id() == pid:
                    for j in range(app.childCount):
                        win = app.getChildAtIndex(j)
                        if win is not None and win.getRole() == R.ROLE_FRAME:
                            return app
            except Exception:  # the bus is still coming up
                pass
        time.sleep(0.3)
    return None


def describe(node):
    try:
        path = []
        n = node
        while n is not None and len(path) < 6:
            path.append("%s“%s”" % (n.getRoleName(), (n.name or "")[:30]))
            n = n.parent
        return " < ".join(path)
    except Exception:
        return "?"


def walk(root):
    """Yields (node, role, states, ancestors) of every visible widget under root."""
    stack = [(root, ())]
    seen = 0
    while stack and seen < MAX_NODES:
        node, ancestors = stack.pop()
        seen += 1
        try:
            states = node.getState()
            # GTK 4.8 sets no SHOWING state under the frame: VISIBLE is the widget's own.
            if not states.contains(R.STATE_VISIBLE):
                continue
            role = node.getRole()
            count = node.childCount
        except Exception:
            continue
        yield node, role, states, ancestors
        for i in range(count - 1, -1, -1):
            try:
                child = node.getChildAtIndex(i)
            except Exception:
                child = None
            if child is not None:
                stack.append((child, ancestors + ((role, node),)))


def check_page(dialogue, db, page):
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    proc = subprocess.Popen([dialogue, "--db", db, "--stage", page], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    problems = []
    counted = 0
    try:
        app = find_app(proc.pid)
        if app is None:
            return ["the window never showed in the accessibility tree"], 0
        time.sleep(2.5)  # the page loads from idle callbacks
        repeated = {}
        for j in range(app.childCount):
            frame = app.getChildAtIndex(j)
            for node, role, states, ancestors in walk(frame):
                interactive = role in INTERACTIVE
                if role in EDITABLE_TEXT and states.contains(R.STATE_EDITABLE):
                    interactive = True
                if role in FOCUSABLE_ROWS and states.contains(R.STATE_FOCUSABLE):
                    interactive = True
                if not interactive:
                    continue
                # The rows of a drop-down's popup are GTK's own, and not shown until it opens.
                if role in FOCUSABLE_ROWS and any(r == R.ROLE_COMBO_BOX for r, _ in ancestors):
                    continue
                counted += 1
                name = (node.name or "").strip()
                # GTK 4.8 names a control that has no name by its type ("GtkDropDown").
                if not name or TYPE_NAME.match(name):
                    problems.append("no name: " + describe(node))
                    continue
                if MNEMONIC.search(name):
                    problems.append("mnemonic underscore in “%s”: %s" % (name, describe(node)))
                # The same control on many rows of one list, by the same name.
                rows = [a for r, a in ancestors if r in FOCUSABLE_ROWS]
                lists = [a for r, a in ancestors if r in CONTAINERS]
                if rows and lists and role not in FOCUSABLE_ROWS:
                    key = (hash(lists[-1]), node.getRoleName(), name)
                    repeated.setdefault(key, set()).add(hash(rows[-1]))
        for (lst, role, name), rows in repeated.items():
            if len(rows) > 2:
                problems.append("%d rows of one list have a %s named “%s”"
                                % (len(rows), role, name))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return problems, counted


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    dialogue, cli = sys.argv[1], sys.argv[2]
    pages = sys.argv[3:] or PAGES
    # The registry starts with the first look at the desktop: before the first window.
    pyatspi.Registry.getDesktop(0)
    time.sleep(1)
    tmp = tempfile.mkdtemp(prefix="dialogue-a11y-")
    db = os.path.join(tmp, "demo.db")
    subprocess.run([cli, "--db", db, "demo"], check=True, stdout=subprocess.DEVNULL)
    print("1..%d" % len(pages), flush=True)
    failed = 0
    try:
        for i, page in enumerate(pages, 1):
            started = time.time()
            problems, counted = check_page(dialogue, db, page)
            log("%s: %d interactive controls, %.1f s" % (page, counted, time.time() - started))
            if counted == 0 and not problems:
                problems = ["no interactive control found: the walk saw nothing"]
            for p in problems:
                log("  " + p)
            if problems:
                failed += 1
                print("not ok %d /a11y/walk/%s (%d problems)" % (i, page, len(problems)),
                      flush=True)
            else:
                print("ok %d /a11y/walk/%s" % (i, page), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
