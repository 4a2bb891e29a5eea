#!/usr/bin/python3
"""What a screen reader (Orca) finds of reflexmap over AT-SPI: the driver of tests/atspi.rs.

Run by the Rust test with Debian's /usr/bin/python3 (python3-pyatspi), inside the test's own
X display and D-Bus session:

  reflexmap_atspi.py enable   switch assistive technology on, as Orca does, and print the
                              AT-SPI bus address as JSON
  reflexmap_atspi.py observe  find the app, walk its tree, drive it with keys (xdotool) and
                              AT-SPI actions, and print what it found as one JSON object

The script only observes and reports; tests/atspi.rs decides what passes. A fatal problem (no
app on the bus, no window) is printed as {"error": "..."} with exit status 1.
"""

import json
import os
import subprocess
import sys
import time

APP_NAME = os.environ.get("REFLEXMAP_APP_NAME", "reflexmap")
APP_PID = int(os.environ.get("REFLEXMAP_APP_PID", "0"))
MAP_NAME = "Foot chart — plantar view, both feet"
BUTTON_ROLES = ("push button", "toggle button", "button")
# Why a cap: a walk is one D-Bus round trip per node; the app has a few hundred.
MAX_NODES = 5000


class Fatal(Exception):
    pass


def out(obj, status=0):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()
    sys.exit(status)


def wait_for(what, timeout, poll, step=0.1):
    """poll() until it returns something truthy; Fatal with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = poll()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Fatal(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(step)


# ---------------------------------------------------------------------------------------------
# enable: the org.a11y.Status properties on the session bus's org.a11y.Bus object.


def enable():
    from gi.repository import Gio, GLib

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(dest, path, iface, method, args, reply, flags=Gio.DBusCallFlags.NO_AUTO_START):
        return bus.call_sync(dest, path, iface, method, args, reply, flags, 5000, None).unpack()

    def launcher_is_up():
        (has,) = call(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameHasOwner",
            GLib.Variant("(s)", ("org.a11y.Bus",)),
            GLib.VariantType("(b)"),
        )
        return has

    # Why wait instead of calling at once: a call would D-Bus-activate a second launcher
    # while the test's own one is still starting.
    wait_for("org.a11y.Bus (at-spi-bus-launcher) on the session bus", 15, launcher_is_up)
    props = "org.freedesktop.DBus.Properties"
    for prop in ("IsEnabled", "ScreenReaderEnabled"):
        call(
            "org.a11y.Bus",
            "/org/a11y/bus",
            props,
            "Set",
            GLib.Variant("(ssv)", ("org.a11y.Status", prop, GLib.Variant("b", True))),
            None,
        )
    (status,) = call(
        "org.a11y.Bus",
        "/org/a11y/bus",
        props,
        "GetAll",
        GLib.Variant("(s)", ("org.a11y.Status",)),
        GLib.VariantType("(a{sv})"),
    )
    (address,) = call(
        "org.a11y.Bus",
        "/org/a11y/bus",
        "org.a11y.Bus",
        "GetAddress",
        None,
        GLib.VariantType("(s)"),
    )
    out(
        {
            "is_enabled": bool(status.get("IsEnabled")),
            "screen_reader_enabled": bool(status.get("ScreenReaderEnabled")),
            "address": address,
        }
    )


# ---------------------------------------------------------------------------------------------
# observe


def info(acc, pyatspi):
    """Role, name, extents (screen coordinates) and the states a screen reader reads."""
    try:
        role = acc.getRoleName()
    except Exception:  # the node went away
        return None
    try:
        name = acc.name or ""
    except Exception:
        name = ""
    extents = None
    try:
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        extents = [e.x, e.y, e.width, e.height]
    except Exception:  # no Component interface
        pass
    states = []
    try:
        s = acc.getState()
        for state, word in (
            (pyatspi.STATE_FOCUSED, "focused"),
            (pyatspi.STATE_FOCUSABLE, "focusable"),
            (pyatspi.STATE_CHECKED, "checked"),
            (pyatspi.STATE_PRESSED, "pressed"),
            (pyatspi.STATE_SELECTED, "selected"),
            (pyatspi.STATE_SHOWING, "showing"),
        ):
            if s.contains(state):
                states.append(word)
    except Exception:
        pass
    try:
        description = acc.description or ""
    except Exception:
        description = ""
    return {
        "role": role,
        "name": name,
        "description": description,
        "extents": extents,
        "states": states,
    }


def walk(acc, depth=0, budget=None):
    """(depth, node) for acc and its descendants, skipping nodes that vanish mid-walk."""
    if budget is None:
        budget = [MAX_NODES]
    if budget[0] <= 0:
        return
    budget[0] -= 1
    yield depth, acc
    try:
        children = list(acc)
    except Exception:
        return
    for child in children:
        if child is not None:
            yield from walk(child, depth + 1, budget)


def line(depth, node):
    ext = "" if node["extents"] is None else " (%d,%d %dx%d)" % tuple(node["extents"])
    states = " [" + ", ".join(node["states"]) + "]" if node["states"] else ""
    return "  " * depth + f"{node['role']} {node['name']!r}{ext}{states}"


def find_app(pyatspi):
    seen = []

    def poll():
        seen.clear()
        desktop = pyatspi.Registry.getDesktop(0)
        for app in list(desktop):
            if app is None:
                continue
            try:
                name, pid, count = app.name, app.get_process_id(), app.childCount
            except Exception:
                continue
            seen.append(f"{name!r} (pid {pid}, {count} children)")
            if name == APP_NAME or (APP_PID and pid == APP_PID):
                frames = [c for c in app if c is not None and c.childCount > 0]
                if frames:
                    return app, frames[0]
        return None

    try:
        return wait_for(f"an application named {APP_NAME!r} with a window", 45, poll, 0.25)
    except Fatal as e:
        raise Fatal(
            f"{e}; applications on the AT-SPI desktop: {', '.join(seen) or 'none'}. "
            "Either the app did not start, or AccessKit did not see assistive technology "
            "switched on (org.a11y.Status IsEnabled on the session bus)"
        )


class Observer:
    def __init__(self, pyatspi):
        self.pyatspi = pyatspi
        self.app, self.frame = find_app(pyatspi)
        self.window = None

    def info(self, acc):
        return info(acc, self.pyatspi)

    def nodes(self, root=None):
        for depth, acc in walk(root or self.frame):
            node = self.info(acc)
            if node is not None:
                yield depth, acc, node

    def tree(self):
        return [line(d, n) for d, _, n in self.nodes()]

    def settled_tree(self, timeout=5):
        """The tree once two walks 0.2 s apart agree. Why: the first frames lay out again
        (panels and wrapped text settle), which moves the map and its zones."""
        previous = self.tree()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.tree()
            if now == previous:
                return now
            previous = now
        return previous

    def find(self, pred, root=None):
        return [(acc, n) for _, acc, n in self.nodes(root) if pred(n)]

    def map_groups(self):
        return self.find(lambda n: n["name"] == MAP_NAME)

    def ancestors(self, acc):
        """Role and name of every ancestor up to the frame, nearest first."""
        chain = []
        try:
            p = acc.parent
            while p is not None and len(chain) < 12:
                chain.append(f"{p.getRoleName()}:{p.name or ''}")
                if p.getRoleName() == "frame":
                    break
                p = p.parent
        except Exception:
            pass
        return chain

    def focused(self):
        """The deepest node with the FOCUSED state (the frame has it too while the window has
        the keyboard), with its ancestors."""
        found = None
        focused = self.pyatspi.STATE_FOCUSED
        # Why only the state: this runs every 100 ms while waiting for a key to take effect.
        for _, acc in walk(self.frame):
            try:
                if acc.getState().contains(focused):
                    found = acc
            except Exception:
                pass
        n = None if found is None else self.info(found)
        if n is None:
            return None
        return dict(n, ancestors=self.ancestors(found))

    def zone_like(self, acc, n):
        """A button inside the map group or beside it (where zones are today)."""
        if n["role"] not in BUTTON_ROLES:
            return False
        chain = self.ancestors(acc)
        if any(a.endswith(":" + MAP_NAME) for a in chain):
            return True
        try:
            return any(
                c is not None and c.name == MAP_NAME for c in list(acc.parent)
            )
        except Exception:
            return False

    # -- X ---------------------------------------------------------------------------------

    def xdotool(self, *args):
        try:
            r = subprocess.run(
                ["xdotool", *args], capture_output=True, text=True, timeout=15
            )
        except subprocess.TimeoutExpired:
            raise Fatal(f"xdotool {' '.join(args)} did not return within 15 s")
        if r.returncode != 0:
            raise Fatal(f"xdotool {' '.join(args)} failed: {r.stderr.strip()}")
        return r.stdout

    def xdotool_status(self, *args):
        """Like xdotool(), but a failure (as `search` finding nothing yet) is empty output."""
        try:
            return self.xdotool(*args)
        except Fatal:
            return ""

    def focus_window(self):
        def search():
            return self.xdotool_status("search", "--name", APP_NAME).split()

        ids = wait_for(f"an X window named like {APP_NAME!r}", 15, search, 0.2)
        self.window = ids[-1]
        self.xdotool("windowfocus", "--sync", self.window)
        wait_for(
            "the window to have the keyboard (FOCUSED on the frame)",
            10,
            lambda: "focused" in (self.info(self.frame) or {}).get("states", []),
        )

    def key(self, key):
        self.xdotool("key", "--clearmodifiers", key)

    def focus_after(self, before, timeout):
        """Focus once it differs from `before` (name and role), or at `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            now = self.focused()
            same = (
                now is not None
                and before is not None
                and (now["role"], now["name"]) == (before["role"], before["name"])
            )
            if not same or time.monotonic() > deadline:
                return now
            time.sleep(0.1)

    # -- modes -----------------------------------------------------------------------------

    def press(self, pred):
        """Press the first button `pred` accepts through its AT-SPI action."""
        buttons = self.find(lambda n: pred(n) and n["role"] in BUTTON_ROLES)
        if not buttons:
            return {"actions": [], "done": False}
        action = buttons[0][0].queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        done = bool(action.doAction(0)) if names else False
        return {"actions": names, "done": done}

    def mode(self, label):
        """Press the toolbar button `label` through its AT-SPI action, as Orca does."""
        buttons = self.find(
            lambda n: n["name"] == label and n["role"] in BUTTON_ROLES
        )
        if not buttons:
            raise Fatal(f"no toolbar button named {label!r}")
        acc, _ = buttons[0]
        action = acc.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        done = bool(action.doAction(0)) if names else False
        return {"actions": names, "done": done}


def answers(obs):
    return [
        n
        for _, n in obs.find(
            lambda n: n["name"].startswith("Yes: ") or n["name"].startswith("No: ")
        )
    ]


def observe():
    import pyatspi

    obs = Observer(pyatspi)
    # Why: the pointer starts in the middle of the screen, over the map, where it hovers a
    # zone and opens a tooltip; off the window (1280 wide) it hovers nothing.
    obs.xdotool("mousemove", "1365", "767")
    tree = obs.settled_tree()
    report = {"app": obs.info(obs.app), "frame": obs.info(obs.frame)}
    report["app"]["pid"] = obs.app.get_process_id()

    # Explore: the map group, what it holds, and the zone-like buttons beside it.
    groups = obs.map_groups()
    explore = {"tree": tree, "map_groups": [n for _, n in groups]}
    if groups:
        group_acc = groups[0][0]
        explore["map_descendants"] = [
            n for d, _, n in obs.nodes(group_acc) if d > 0
        ]
        try:
            parent = group_acc.parent
            explore["map_siblings"] = [
                n
                for acc in list(parent)
                if acc is not None
                and acc.name != MAP_NAME
                and (n := obs.info(acc)) is not None
            ]
        except Exception:
            explore["map_siblings"] = []
    report["explore"] = explore

    # Keyboard: Ctrl+M, up to three Tabs, Escape.
    obs.focus_window()
    keys = {"window": obs.window, "before": obs.focused()}
    obs.key("ctrl+m")
    start = obs.focus_after(keys["before"], 3)
    keys["after_ctrl_m"] = start
    tabs = []
    current = start
    for _ in range(3):
        obs.key("Tab")
        current = obs.focus_after(current, 2)
        tabs.append(current)
        if (
            current is not None
            and start is not None
            and current["name"] != start["name"]
            and any(a.endswith(":" + MAP_NAME) for a in current["ancestors"])
            and current["role"] in BUTTON_ROLES
        ):
            break
    keys["after_tabs"] = tabs

    # Escape on a zone. Why a fallback: so that Escape is checked even where Ctrl+M or Tab
    # did not reach a zone (the test reports those apart).
    def on_zone():
        for acc, n in obs.find(lambda n: "focused" in n["states"]):
            if obs.zone_like(acc, n):
                return n
        return None

    keys["escape_setup"] = "keys"
    if on_zone() is None:
        zones = [(a, n) for a, n in obs.find(lambda n: n["role"] in BUTTON_ROLES)
                 if obs.zone_like(a, n)]
        if zones:
            keys["escape_setup"] = f"grabFocus on {zones[0][1]['name']!r}"
            zones[0][0].queryComponent().grabFocus()
            try:
                wait_for("focus on the grabbed zone", 3, on_zone)
            except Fatal:
                pass
        else:
            keys["escape_setup"] = "no zone-like node to focus"
    before_escape = obs.focused()
    keys["before_escape"] = before_escape
    obs.key("Escape")
    # Why a fixed second here: the check is that nothing changes, so the wait cannot end early
    # on a change; a frame takes well under 100 ms even with software rendering.
    deadline = time.monotonic() + 1.0
    seen = []
    while time.monotonic() < deadline:
        f = obs.focused()
        seen.append(None if f is None else f"{f['role']}:{f['name']}")
        time.sleep(0.15)
    keys["after_escape"] = obs.focused()
    keys["during_escape"] = sorted(set(s for s in seen if s is not None))
    report["keys"] = keys

    # Plan: the toolbar button through AT-SPI's action interface.
    plan = {"button": obs.mode("Plan")}
    try:
        wait_for("20 screening answers in Plan mode", 10, lambda: len(answers(obs)) >= 20, 0.25)
    except Fatal as e:
        plan["wait"] = str(e)
    plan["tree"] = obs.settled_tree()
    plan["answers"] = answers(obs)
    report["plan"] = plan

    # Study: only the tree, for the record.
    study = {"button": obs.mode("Study")}
    try:
        wait_for("Plan mode to go", 10, lambda: not answers(obs), 0.25)
    except Fatal as e:
        study["wait"] = str(e)
    study["tree"] = obs.settled_tree()
    report["study"] = study

    # Label the chart: the numbered rows are the keyboard's and the screen reader's way in.
    label = {"kind": obs.press(lambda n: n["name"].startswith("Label the chart   ("))}
    label["start"] = obs.press(lambda n: n["name"] == "Start quiz")
    try:
        wait_for("the labelling board", 10, lambda: label_rows(obs), 0.25)
    except Fatal as e:
        label["wait"] = str(e)
    label["tree"] = obs.settled_tree()
    label["rows"] = label_rows(obs)
    report["label"] = label
    out(report)


def label_rows(obs):
    return [
        n
        for _, n in obs.find(lambda n: n["name"].startswith("Put the picked name on area "))
    ]


def main():
    try:
        if sys.argv[1:] == ["enable"]:
            enable()
        elif sys.argv[1:] == ["observe"]:
            observe()
        else:
            raise Fatal(f"usage: {sys.argv[0]} enable|observe")
    except Fatal as e:
        out({"error": str(e)}, 1)
    except Exception:  # a bug here, or an AT-SPI call that failed: still one JSON line
        import traceback

        out({"error": traceback.format_exc()}, 1)


if __name__ == "__main__":
    main()
