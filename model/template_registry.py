"""Where templates come from: the bundled ones and the user's folder, loaded once per process.

A broken user file is listed with its error (``main.py templates``) and never stops the program.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from model.paths import bundled_templates_dir, user_templates_dir
from model.template import Template, TemplateError
from model.template_parse import load_template_file


@dataclass(frozen=True)
class TemplateEntry:
    """One template file as found: its template, or why it cannot be used (``main.py templates``
    lists both, so a broken file is never silently dropped)."""

    path: Path
    builtin: bool
    template: Optional[Template] = None
    error: str = ""


def _template_files(folder: Path) -> list[Path]:
    """*.json in any letter case ("四川.JSON" saved on Windows is still a template)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
    except OSError:
        return []


class TemplateRegistry:
    """The bundled templates plus the user's folder; later folders override earlier ones."""

    def __init__(self, folders: Optional[list[Path]] = None) -> None:
        self.folders = folders if folders is not None else [bundled_templates_dir(), user_templates_dir()]
        self.templates: dict[str, Template] = {}
        self.errors: list[str] = []  # malformed user templates, shown to the user, never fatal
        self.entries: list[TemplateEntry] = []  # every file, in folder order
        bundled = bundled_templates_dir().resolve()
        for folder in self.folders:
            if folder.is_dir():
                self._load_folder(folder, builtin=folder.resolve() == bundled)

    def _load_folder(self, folder: Path, builtin: bool) -> None:
        seen: dict[str, Path] = {}
        for path in _template_files(folder):
            try:
                template = load_template_file(path)
                if template.id in seen:  # two files of one folder: which wins would be an accident
                    raise TemplateError(f"模板文件 {path}:id “{template.id}”与同一文件夹中的 "
                                        f"{seen[template.id].name} 重复,请修改其中一个的 id")
            except TemplateError as exc:
                self.errors.append(str(exc))
                self.entries.append(TemplateEntry(path, builtin, error=str(exc)))
                continue
            seen[template.id] = path
            self.templates[template.id] = template
            self.entries.append(TemplateEntry(path, builtin, template))

    def get(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            known = "、".join(sorted(self.templates)) or "无"
            message = f"未知的模板“{template_id}”(可用模板:{known})"
            if self.errors:  # the template may be the file that could not be read
                message += ";另有无法读取的模板文件:" + ";".join(self.errors[:3])
            raise TemplateError(message) from None

    def ids(self) -> list[str]:
        return sorted(self.templates)


_default_registry: Optional[TemplateRegistry] = None


def default_registry() -> TemplateRegistry:
    """Loaded once per process: templates do not change while the program runs."""
    global _default_registry
    if _default_registry is None:
        _default_registry = TemplateRegistry()
    return _default_registry


def get_template(template_id: str) -> Template:
    return default_registry().get(template_id)
