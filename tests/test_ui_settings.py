"""Settings persist as JSON in the config folder ($KINMEN1958_CONFIG_DIR in tests)."""

from __future__ import annotations

import json

from game.ui.settings import Settings, load_settings, save_settings, settings_path


def test_settings_persist_and_reload(tmp_path, monkeypatch):
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(tmp_path))
    assert load_settings() == Settings()  # no file yet: defaults
    s = Settings(lang="zh-Hant", ui_scale=150, palette="colorblind", sound=False, fullscreen=True)
    path = save_settings(s)
    assert path == settings_path() == tmp_path / "settings.json"
    assert load_settings() == s


def test_bad_settings_are_cleaned(tmp_path, monkeypatch):
    monkeypatch.setenv("KINMEN1958_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text(
        json.dumps({"lang": "fr", "ui_scale": 900, "palette": "pink", "extra": 1})
    )
    s = load_settings()
    assert (s.lang, s.ui_scale, s.palette) == ("en", 200, "default")
    (tmp_path / "settings.json").write_text("{not json")
    assert load_settings() == Settings()
