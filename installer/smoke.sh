#!/usr/bin/env bash
# Smoke test of a built program — the bundle or the installed .deb — as a clerk's machine runs it:
# an empty environment (env -i: no PATH, no PYTHONPATH, no Python of ours), from a folder of its own.
#   installer/smoke.sh PROGRAM FORM.json [SCREENSHOT.png]
# Checks --version, check (text and JSON with an unreadable file), export (Excel + PDF with the
# Chinese text inside), and the window: shown on Xvfb when it is installed (screenshot taken with
# PySide6 from $PYTHON, default python3), else started offscreen. Exit 0 only if all passed.
set -euo pipefail
prog=$(readlink -f "$1"); form=$(readlink -f "$2"); shot=${3:+$(readlink -m "$3")}
python=${PYTHON:-python3}
case $python in */*) python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")" ;; esac  # we cd below
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir home
cp "$form" "$work/贵州 自评表.json"; form="$work/贵州 自评表.json"  # a Chinese name with a space, in the C locale
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }
run() { env -i HOME="$work/home" "$prog" "$@"; }  # HOME only: the data folder lives under it
started=$SECONDS

run --version | grep -q "绩效自评表编辑器 " || fail "--version"
run --frobnicate 2>err.txt && fail "an unknown option was accepted" || [ $? -eq 2 ] || fail "unknown option: exit code"
grep -q "参数错误" err.txt || fail "unknown option: no Chinese message"

run check "$form" >check.txt || fail "check exited $?"
grep -q "总分" check.txt || fail "check printed no figures"
echo "{" >bad.json
set +e; run check --json "$form" bad.json >check.json 2>/dev/null; status=$?; set -e
[ "$status" -eq 2 ] || fail "check --json with an unreadable file exited $status"
grep -q '"error"' check.json && grep -q '"project"' check.json || fail "check --json entries"

run export "$form" --xlsx out.xlsx --pdf out.pdf >export.txt 2>export.err || fail "export: $(cat export.err)"
[ "$(head -c 4 out.pdf)" = "%PDF" ] || fail "export wrote no PDF"
[ "$(head -c 2 out.xlsx)" = "PK" ] || fail "export wrote no workbook"
if command -v pdftotext >/dev/null; then
    pdftotext out.pdf out.txt && grep -q "自评表" out.txt && grep -q "总分" out.txt || fail "the PDF has no Chinese text"
fi
grep -q "Traceback" export.err check.json err.txt && fail "a traceback reached the user"

window_xvfb() {
    local display=":$((90 + RANDOM % 100))" pid
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
    # Under set -e a failing command ends a trap, and the script, with status 1: Xvfb is usually gone
    # already when this runs (killed below), so its kill must not count (CI failed on that race).
    trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
    for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
    env -i HOME="$work/home" DISPLAY="$display" "$prog" "$form" >window.out 2>window.err & pid=$!
    DISPLAY=$display timeout 60 xdotool search --sync --onlyvisible --name "绩效自评表编辑器" >wid.txt \
        || fail "no window within 60 s: $(cat window.err)"
    kill -0 "$pid" 2>/dev/null || fail "the window closed by itself: $(cat window.err)"
    if [ -n "$shot" ]; then
        DISPLAY=$display QT_QPA_PLATFORM=xcb "$python" -c "
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)" "$shot" 2>/dev/null \
            || echo "(no screenshot: $python has no PySide6)"
    fi
    # No window manager on Xvfb: focus the window directly, then the menu's 退出 shortcut. A key sent
    # while the window is still settling can be lost, so it is sent again (at most 6 times, 5 s apart).
    local tries=0
    while kill -0 "$pid" 2>/dev/null; do
        [ "$tries" -lt 6 ] || { kill "$pid"; fail "the window did not close on Ctrl+Q: $(cat window.err)"; }
        DISPLAY=$display xdotool windowfocus "$(tail -1 wid.txt)" key ctrl+q 2>/dev/null || true
        timeout 5 tail --pid="$pid" -f /dev/null || true
        tries=$((tries + 1))
    done
    wait "$pid" || fail "the window exited $?: $(cat window.err)"
    kill "$xvfb" 2>/dev/null || true
}

window_offscreen() {
    # No X server here: the window is started offscreen and must still be running after 10 s.
    set +e
    env -i HOME="$work/home" QT_QPA_PLATFORM=offscreen timeout 10 "$prog" "$form" >window.out 2>window.err
    local status=$?; set -e
    [ "$status" -eq 124 ] || fail "the offscreen window exited $status: $(cat window.err)"
}

if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then window_xvfb; else window_offscreen; fi
grep -qi "traceback\|could not load the qt platform" window.err && fail "window: $(cat window.err)"
echo "smoke test passed in $((SECONDS - started)) s: $prog"
