"""Build the one-folder program: dist/perf-self-eval/ (PyInstaller), then pack it and report.

    pip install ".[bundle]"
    python installer/build.py

The result runs without Python and without any environment variable: `dist/perf-self-eval/perf-self-eval`
(Windows: `perf-self-eval.exe`, and `perf-self-eval-cmd.exe` for the command line). The script prints
the folder's size, the size of the packed archive (`dist/perf-self-eval-<version>-<platform>.tar.gz`,
`.zip` on Windows) and, on Linux, the newest glibc the bundled libraries need: the bundle runs on
systems with that glibc or newer, so build on the oldest system it must run on.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build"
NAME = "perf-self-eval"
SPEC = ROOT / "installer" / f"{NAME}.spec"
MB = 1024 * 1024

sys.path.insert(0, str(ROOT))
from model.version import VERSION  # noqa: E402

# What the issue asks of the bundle: at most this much unpacked / packed.
LIMIT_UNPACKED_MB, LIMIT_PACKED_MB = 150, 70

_GLIBC = re.compile(rb"GLIBC_(2\.\d+(?:\.\d+)?)\x00")


def bundle_dir() -> Path:
    return DIST / NAME


def program_path() -> Path:
    return bundle_dir() / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def windows_version_file(folder: Path) -> Path:
    """The version information shown in the .exe's properties (文件属性 → 详细信息)."""
    numbers = tuple(int(part) for part in (VERSION.split(".") + ["0", "0", "0"])[:4])
    strings = {"CompanyName": "perf-self-eval", "FileDescription": "绩效自评表编辑器",
               "FileVersion": VERSION, "InternalName": NAME, "OriginalFilename": f"{NAME}.exe",
               "ProductName": "绩效自评表编辑器", "ProductVersion": VERSION, "LegalCopyright": ""}
    entries = ",\n".join(f"        StringStruct({key!r}, {value!r})" for key, value in strings.items())
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
{entries}
    ])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    path = folder / "version_info.txt"
    path.write_text(text, encoding="utf-8")
    return path


def run_pyinstaller() -> None:
    import PyInstaller.__main__

    WORK.mkdir(exist_ok=True)
    if sys.platform == "win32":
        os.environ["PERF_EVAL_VERSION_FILE"] = str(windows_version_file(WORK))
    PyInstaller.__main__.run([str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
                              "--distpath", str(DIST), "--workpath", str(WORK)])


def files_of(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink())


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in files_of(folder))


def pack(folder: Path) -> Path:
    """The folder as one archive for copying to other machines (zip for Windows users)."""
    if sys.platform == "win32":
        target = DIST / f"{NAME}-{VERSION}-windows-x64.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files_of(folder):
                archive.write(path, path.relative_to(folder.parent))
    else:
        target = DIST / f"{NAME}-{VERSION}-linux-x86_64.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as archive:
            archive.add(folder, arcname=folder.name)
    return target


def glibc_needed(folder: Path) -> tuple[Optional[str], Optional[Path]]:
    """The newest GLIBC_x.y symbol version any bundled ELF file asks for, and that file.

    Read from the version-needed strings in the files (no binutils needed); the loader refuses a
    library whose version the system's glibc lacks, so this is the oldest glibc the bundle runs on."""
    best: tuple[tuple[int, ...], Optional[str], Optional[Path]] = ((0,), None, None)
    for path in files_of(folder):
        with path.open("rb") as stream:
            if stream.read(4) != b"\x7fELF":
                continue
            data = stream.read()
        for match in _GLIBC.finditer(data):
            text = match.group(1).decode()
            key = tuple(int(part) for part in text.split("."))
            if key > best[0]:
                best = (key, text, path)
    return best[1], best[2]


def report(folder: Path, archive: Optional[Path], seconds: float) -> bool:
    """Print what the README quotes: time, sizes, the glibc needed; False if over the size limits."""
    unpacked = folder_size(folder) / MB
    print(f"\n构建完成,用时 {seconds:.0f} 秒:{folder}")
    print(f"  程序:{program_path()}")
    ok = unpacked <= LIMIT_UNPACKED_MB
    if archive is None:
        print(f"  大小:{unpacked:.0f} MB(解压后)")
    else:
        packed = archive.stat().st_size / MB
        ok = ok and packed <= LIMIT_PACKED_MB
        print(f"  大小:{unpacked:.0f} MB(解压后),{packed:.0f} MB(压缩包 {archive.name})")
    if not ok:
        print(f"  警告:超过目标(解压后 {LIMIT_UNPACKED_MB} MB,压缩后 {LIMIT_PACKED_MB} MB)")
    if sys.platform.startswith("linux"):
        version, path = glibc_needed(folder)
        print(f"  需要 glibc {version} 或更新(最高要求来自 {path.relative_to(folder) if path else '-'});"
              f"本机 glibc {os.confstr('CS_GNU_LIBC_VERSION').split()[-1]}")
    return ok


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="构建 dist/perf-self-eval/(PyInstaller 单文件夹程序)")
    parser.add_argument("--no-pack", action="store_true", help="不生成压缩包")
    args = parser.parse_args(argv)
    started = time.monotonic()
    shutil.rmtree(bundle_dir(), ignore_errors=True)
    run_pyinstaller()
    if not program_path().is_file():
        print(f"错误:没有生成 {program_path()}", file=sys.stderr)
        return 1
    archive = None if args.no_pack else pack(bundle_dir())
    report(bundle_dir(), archive, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
