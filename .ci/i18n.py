"""The translation workflow: English strings in the code, Chinese catalogs beside them.

    python .ci/i18n.py all        # extract + update + hant + compile + check

Subcommands, in the order ``all`` runs them:

    extract  the strings in station/ and templates/ -> station/translations/messages.pot
    update   merge the .pot into the zh_Hans_CN and zh_Hant_TW .po files (created if missing)
    hant     fill zh_Hant_TW from zh_Hans_CN with OpenCC (needs `pip install -e .[i18n]`)
    compile  .po -> .mo (the .mo files are committed, so an install needs no build step)
    check    exit 1, listing every string without a finished translation

Files are written only when their messages change (not merely their dates), sorted and
without line numbers, so that diffs stay small. Translate in zh_Hans_CN only: ``hant``
overwrites zh_Hant_TW from it, except for the wordings in HANT_OVERRIDES.
"""

import argparse
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "station" / "translations"
POT = TRANSLATIONS / "messages.pot"
HANS, HANT = "zh_Hans_CN", "zh_Hant_TW"
LOCALES = (HANS, HANT)
SEARCHED = ("station", "templates")  # top-level folders that hold UI strings
PROJECT = "Station Desk"
HEADER = "# {title}\n# Generated and merged by .ci/i18n.py; see station/translations/README.md.\n#"
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}
# Header lines that change on every run; ignored when deciding whether to rewrite a file.
VOLATILE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")

# Where Taiwan's software wording differs from what OpenCC gives. Whole messages by msgid:
HANT_OVERRIDES: dict[str, str] = {
    "Log out": "登出",  # 退出 reads as "quit"
}
# ...and phrases replaced in OpenCC's output, in this order. The first ones undo s2twp's
# programming jargon (对象 "object" -> 物件), which is wrong in plain office language.
TW_PHRASES = (
    ("物件", "對象"),
    ("型別", "類型"),
    ("視窗", "窗口"),
    ("稽核", "審核"),
    ("“", "「"),
    ("”", "」"),
    ("‘", "『"),
    ("’", "』"),
    ("反饋", "回饋"),
    ("IP地址", "IP位址"),
    ("退出登入", "登出"),
    ("賬號", "帳號"),
    ("賬戶", "帳戶"),
    ("新建", "新增"),
    ("當前", "目前"),
    ("審計", "稽核"),
    ("導航", "導覽"),
    ("無權訪問", "無權存取"),
)


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def mo_path(locale: str) -> Path:
    return po_path(locale).with_suffix(".mo")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _searched(dirpath: str) -> bool:
    parts = Path(dirpath).resolve().relative_to(ROOT).parts
    hidden = parts and parts[-1].startswith((".", "_"))  # .git, __pycache__
    return not hidden and (not parts or parts[0] in SEARCHED)


def extract_catalog() -> Catalog:
    """The strings the code uses now, as a template catalog."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, str(ROOT / "babel.cfg"))
    catalog = _new_catalog(None)
    found = extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
        directory_filter=_searched,
    )
    for filename, lineno, message, comments, context in found:
        location = (Path(filename).as_posix(), lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _new_catalog(locale: str | None) -> Catalog:
    title = f"{PROJECT}: {locale} translations" if locale else f"{PROJECT}: messages to translate"
    return Catalog(
        locale=locale,
        project=PROJECT,
        version="1",
        header_comment=HEADER.format(title=title),
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
    )


def _write_po(path: Path, catalog: Catalog) -> bool:
    out = io.BytesIO()
    write_po(out, catalog, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return _write_if_changed(path, out.getvalue(), ignore=VOLATILE)


def _write_if_changed(path: Path, data: bytes, ignore: re.Pattern[bytes] | None = None) -> bool:
    if path.exists():
        old = path.read_bytes()
        if old == data or (ignore and ignore.sub(b"", old) == ignore.sub(b"", data)):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _report(path: Path, changed: bool) -> None:
    print(f"{'wrote    ' if changed else 'unchanged'} {path.relative_to(ROOT).as_posix()}")


def extract() -> None:
    _report(POT, _write_po(POT, extract_catalog()))


def update() -> None:
    template = read_catalog(POT)
    for locale in LOCALES:
        path = po_path(locale)
        catalog = read_catalog(path, locale) if path.exists() else _new_catalog(locale)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        _report(path, _write_po(path, catalog))


def translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, list | tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def _to_taiwan(converter: Any, text: str) -> str:
    text = converter.convert(text)
    for simplified_style, taiwan_style in TW_PHRASES:
        text = text.replace(simplified_style, taiwan_style)
    return text


def hant() -> None:
    """Traditional Chinese (Taiwan) from the finished Simplified translations."""
    try:
        import opencc
    except ImportError:
        sys.exit("hant needs OpenCC: pip install -e '.[i18n]'")
    converter = opencc.OpenCC("s2twp")  # Taiwan characters and Taiwan phrases
    hans = read_catalog(po_path(HANS), HANS)
    target = read_catalog(po_path(HANT), HANT)
    for message in target:
        source = hans.get(message.id, context=message.context) if message.id else None
        if source is None or not translated(source):
            continue
        if message.id in HANT_OVERRIDES:
            message.string = HANT_OVERRIDES[message.id]
        elif isinstance(source.string, tuple):
            message.string = tuple(_to_taiwan(converter, s) for s in source.string)
        else:
            message.string = _to_taiwan(converter, source.string)
        message.flags.discard("fuzzy")
    _report(po_path(HANT), _write_po(po_path(HANT), target))


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_mo() -> None:
    for locale in LOCALES:
        catalog = read_catalog(po_path(locale), locale)
        _report(mo_path(locale), _write_if_changed(mo_path(locale), _mo_bytes(catalog)))


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems(template: Catalog) -> Iterator[str]:
    """Every string of ``template`` that a Chinese catalog lacks, leaves fuzzy or garbles."""
    for locale in LOCALES:
        catalog = read_catalog(po_path(locale), locale)
        for wanted in template:
            if not wanted.id:
                continue
            shown = wanted.id if isinstance(wanted.id, str) else wanted.id[0]
            found = catalog.get(wanted.id, context=wanted.context)
            if found is None:
                yield f"{locale}: missing: {shown!r}"
            elif not translated(found):
                yield f"{locale}: {'fuzzy' if found.fuzzy else 'untranslated'}: {shown!r}"
            else:
                strings = found.string if isinstance(found.string, tuple) else (found.string,)
                if any(_placeholders(s) != _placeholders(shown) for s in strings):
                    yield f"{locale}: placeholders differ: {shown!r}"


def stale_mo() -> Iterator[str]:
    """The compiled catalogs that do not match their .po files."""
    for locale in LOCALES:
        po = read_catalog(po_path(locale), locale)
        if not mo_path(locale).exists():
            yield f"{locale}: no messages.mo"
            continue
        with mo_path(locale).open("rb") as f:
            mo = read_mo(f)
        if finished(po) != finished(mo):
            yield f"{locale}: messages.mo is older than messages.po (run compile)"


def finished(catalog: Catalog) -> dict[tuple[object, object], object]:
    """The translated messages, comparable between a .po and a .mo (which gives lists)."""
    return {
        (_hashable(m.id), m.context): _hashable(m.string) for m in catalog if m.id and translated(m)
    }


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def check() -> int:
    found = [*problems(read_catalog(POT)), *stale_mo()]
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)" if found else "all strings translated")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    steps = {"extract": extract, "update": update, "hant": hant, "compile": compile_mo}
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=[*steps, "check", "all"])
    command = parser.parse_args(argv).command
    for name, step in steps.items():
        if command in (name, "all"):
            step()
    return check() if command in ("check", "all") else 0


if __name__ == "__main__":
    sys.exit(main())
