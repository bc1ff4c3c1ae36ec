"""The one settings module: defaults, parsing errors, and the README table generated from it."""

from pathlib import Path

import pytest

from web import settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_settings_readme_table_is_generated_from_the_module():
    assert settings.markdown_table() in README.read_text(encoding="utf-8")


def test_settings_defaults_apply_when_unset_or_blank():
    assert settings.get("LED_BIND", {}) == "127.0.0.1:8050"
    assert settings.get("LED_BIND", {"LED_BIND": "  "}) == "127.0.0.1:8050"
    assert settings.get("LED_FRAME_ANCESTORS", {}) == "'self'"
    assert settings.get("LED_DEBUG", {}) is False
    assert settings.get("LED_DEBUG", {"LED_DEBUG": "yes"}) is True
    assert settings.get("DATABASE_URL", {}) is None
    assert settings.get("LED_UPLOAD_MAX_BYTES", {}) == 5 * 1024 * 1024


@pytest.mark.parametrize("raw", ["0", "-3", "ten", "1.5"])
def test_settings_bad_integer_names_the_variable(raw):
    with pytest.raises(ValueError, match="LED_WORKERS must be a positive integer"):
        settings.get("LED_WORKERS", {"LED_WORKERS": raw})


def test_settings_no_other_module_reads_the_environment():
    root = README.parent
    offenders = []
    for path in [*root.glob("*.py"), *root.glob("*/**/*.py")]:
        rel = path.relative_to(root).as_posix()
        if rel.startswith((".venv/", "tests/", "bench/", ".cache/")) or rel == "web/settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ('environ.get("LED_', "environ.get('LED_", 'environ.get("DATABASE_URL', "getenv("):
            if needle in text:
                offenders.append(f"{rel}: {needle}")
    assert offenders == []
