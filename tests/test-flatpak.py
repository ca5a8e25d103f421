#!/usr/bin/env python3
# test-flatpak.py MANIFEST APP_ID: the Flatpak manifest parses, names the
# app, the runtime that matches the floor (GNOME 43: GTK 4.8, libadwaita
# 1.2) and the command, and asks for no network and no whole-disk access.
import json
import sys

manifest, app_id = sys.argv[1], sys.argv[2]
problems = []
with open(manifest, encoding="utf-8") as f:
    m = json.load(f)


def expect(key, value):
    if m.get(key) != value:
        problems.append(f"{key} is {m.get(key)!r}, not {value!r}")


expect("id", app_id)
expect("runtime", "org.gnome.Platform")
expect("runtime-version", "43")
expect("sdk", "org.gnome.Sdk")
expect("command", "tandem")
args = m.get("finish-args", [])
for needed in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"):
    if needed not in args:
        problems.append(f"finish-args lacks {needed}")
for banned in ("--share=network", "--filesystem=host", "--filesystem=home"):
    if banned in args:
        problems.append(f"finish-args has {banned}: Tandem works offline and opens files through the portal")
modules = m.get("modules", [])
if not modules or modules[-1].get("name") != "tandem" or modules[-1].get("buildsystem") != "meson":
    problems.append("the last module is not Tandem built with meson")
else:
    sources = modules[-1].get("sources", [])
    if not any(s.get("type") == "dir" and s.get("path") == "../.." for s in sources):
        problems.append("Tandem is not built from this tree (a dir source at ../..)")
for p in problems:
    print("not ok:", p)
print(f"{len(problems)} problems in {manifest}")
sys.exit(1 if problems else 0)
