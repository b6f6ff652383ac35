"""Recent files and recovery copies (stored under the isolated data folder of each test)."""
from __future__ import annotations

import json
import os

import pytest

from model.draft import load_draft, form_to_dict
from model.processes import process_start_token
from model.paths import data_home, recovery_dir
from ui.window import files


def test_recent_files_most_recent_first_and_limited(tmp_path):
    paths = [tmp_path / f"f{n}.json" for n in range(12)]
    for path in paths:
        files.add_recent(path)
    files.add_recent(paths[3])
    recent = files.recent_files()
    assert recent[0] == str(paths[3].resolve()) and len(recent) == files.MAX_RECENT
    assert recent.count(str(paths[3].resolve())) == 1
    files.remove_recent(paths[3])
    assert str(paths[3].resolve()) not in files.recent_files()
    assert (data_home() / files.SETTINGS_FILE).is_file()
    files.clear_recent()
    assert files.recent_files() == []


def test_single_recent_file_survives_ini_round_trip(tmp_path):
    files.add_recent(tmp_path / "一个.json")
    assert files.recent_files() == [str((tmp_path / "一个.json").resolve())]


def test_recovery_copy_round_trip(forms_dir):
    form = load_draft(forms_dir / "f01.json")
    key = files.new_recovery_key()
    files.write_recovery(key, form, forms_dir / "f01.json")
    entries = files.list_recovery()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.original == forms_dir / "f01.json" and entry.name == form.project.name
    assert form_to_dict(load_draft(entry.draft)) == form_to_dict(form)
    assert form.project.name in entry.label
    files.remove_recovery(key)
    assert files.list_recovery() == [] and not any(recovery_dir().iterdir())


def test_unsaved_form_recovery_has_no_original(forms_dir):
    form = load_draft(forms_dir / "f02.json")
    files.write_recovery("abc", form, None)
    entry = files.list_recovery()[0]
    assert entry.original is None and "未保存" in entry.label
    assert entry.label.startswith(f"{form.project.name}({form.year}年度,未保存的新表,")  # beside its next year's


def test_a_copy_written_before_years_were_kept_is_still_offered(forms_dir):
    form = load_draft(forms_dir / "f02.json")
    files.write_recovery("old", form, None)
    meta = recovery_dir() / "old.meta.json"
    info = json.loads(meta.read_text(encoding="utf-8"))
    del info["year"]
    meta.write_text(json.dumps(info), encoding="utf-8")
    entry = files.list_recovery()[0]
    assert entry.year == 0 and entry.label.startswith(f"{form.project.name}(未保存的新表,")


def test_copies_of_a_running_editor_are_not_offered(forms_dir, monkeypatch):
    form = load_draft(forms_dir / "f02.json")
    files.write_recovery("other", form, None)
    meta = recovery_dir() / "other.meta.json"
    info = json.loads(meta.read_text(encoding="utf-8"))
    info["pid"] = os.getppid()  # a live process that is not us
    info["started"] = process_start_token(os.getppid())
    meta.write_text(json.dumps(info), encoding="utf-8")
    if os.name == "posix":
        assert files.list_recovery() == []


def test_copy_of_a_dead_editor_whose_pid_was_reused_is_offered(forms_dir):
    """After a crash and a reboot another process may carry the old pid: the start time tells."""
    form = load_draft(forms_dir / "f02.json")
    files.write_recovery("reused", form, None)
    meta = recovery_dir() / "reused.meta.json"
    info = json.loads(meta.read_text(encoding="utf-8"))
    if process_start_token(os.getppid()) is None:
        pytest.skip("this system does not report process start times")
    info["pid"] = os.getppid()
    info["started"] = "1"  # not when the parent process started
    meta.write_text(json.dumps(info), encoding="utf-8")
    assert [e.key for e in files.list_recovery()] == ["reused"]


def test_orphan_sidecar_is_cleaned_and_broken_sidecar_tolerated(forms_dir):
    recovery_dir().mkdir(parents=True)
    (recovery_dir() / "lost.meta.json").write_text("{}", encoding="utf-8")
    form = load_draft(forms_dir / "f02.json")
    files.write_recovery("broken", form, None)
    (recovery_dir() / "broken.meta.json").write_text("not json", encoding="utf-8")
    entries = files.list_recovery()
    assert [e.key for e in entries] == ["broken"] and entries[0].original is None
    assert not (recovery_dir() / "lost.meta.json").exists()


def test_remember_opened_sets_recent_and_folder(tmp_path):
    files.remember_opened(tmp_path / "a.json")
    assert files.recent_files() == [str((tmp_path / "a.json").resolve())]
    assert files.get_setting("paths/last_folder") == str(tmp_path.resolve())


def test_file_choosers_open_in_the_last_folder_else_documents_never_the_working_folder(tmp_path, monkeypatch):
    """Started from the Start menu the working folder is the program's own: no chooser opens there."""
    if os.name == "nt":
        pytest.skip("Windows keeps 文档 in the registry, not in HOME")
    home, program = tmp_path / "home", tmp_path / "program"
    documents = home / "文档"
    for folder in (documents, program, home / ".config"):
        folder.mkdir(parents=True)
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/文档"\n', encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(program)
    assert files.start_folder() == documents  # nothing remembered yet
    drafts = tmp_path / "2024年草稿"
    drafts.mkdir()
    files.remember_opened(drafts / "f01.json")
    assert files.start_folder() == drafts
    drafts.rmdir()  # a remembered folder that has gone (a USB stick taken out)
    assert files.start_folder() == documents
    drafts.mkdir()
    assert files.start_folder("workspace/folder", "paths/last_folder") == drafts  # no workspace yet
    files.set_setting("workspace/folder", str(tmp_path))
    assert files.start_folder("workspace/folder") == tmp_path
    assert files.start_folder("workspace/folder", "paths/last_folder") == tmp_path
