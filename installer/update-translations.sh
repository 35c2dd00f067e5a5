#!/bin/sh
# Refresh the English translation of the kiosk screens.
#
# lupdate collects every self.tr()/translate() text from kiosk/ui/*.py into
# kiosk/i18n/servicehall_en.ts, keeping the translations already made; new texts arrive marked
# "unfinished" for a translator (pyside6-linguist, or any editor). lrelease then compiles the
# .ts into the servicehall_en.qm the kiosk loads. tests/ui/test_i18n.py fails while any text
# is left untranslated.
#
# usage: installer/update-translations.sh        (from anywhere inside the repository)
set -eu
cd "$(dirname "$0")/.."
bin=.venv/bin
[ -x "$bin/pyside6-lupdate" ] || bin="$(dirname "$(command -v pyside6-lupdate)")"
"$bin/pyside6-lupdate" -locations relative -no-obsolete \
    -source-language zh_CN -target-language en \
    kiosk/ui/*.py -ts kiosk/i18n/servicehall_en.ts
"$bin/pyside6-lrelease" kiosk/i18n/servicehall_en.ts -qm kiosk/i18n/servicehall_en.qm
