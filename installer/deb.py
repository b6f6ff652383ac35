"""Pack the built bundle into a .deb for UOS and Kylin: dist/perf-self-eval_<version>_amd64.deb.

    python installer/build.py      # first: dist/perf-self-eval/
    python installer/deb.py

Installs the program under /opt/perf-self-eval, the command /usr/bin/perf-self-eval, a menu entry in
办公 (freedesktop category Office) with the icon, which opens the drafts it is given (%F), and offers
itself for JSON files (MimeType). Built with dpkg-deb alone; needs no network and no root
(``--root-owner-group`` makes every file root's inside the package).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import DIST, NAME, ROOT, VERSION, bundle_dir, folder_size, glibc_needed  # noqa: E402

INSTALL_DIR = f"/opt/{NAME}"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# What the bundle takes from the system instead of carrying it (see the spec's from_the_system): the
# libraries of every Linux desktop, named as Debian 10 (UOS 20, Kylin V10) and later name them.
SYSTEM_PACKAGES = ["libfontconfig1", "libfreetype6", "libglib2.0-0", "libdbus-1-3", "libx11-6", "libx11-xcb1",
                   "libxcb1", "libxcb-glx0", "libxcb-randr0", "libxcb-render0", "libxcb-shape0", "libxcb-shm0",
                   "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1", "libxkbcommon0", "libegl1", "libgl1",
                   "libcups2", "zlib1g"]

DESKTOP = f"""[Desktop Entry]
Type=Application
Version=1.0
Name=绩效自评表编辑器
Name[zh_CN]=绩效自评表编辑器
GenericName=绩效自评表编辑器
Comment=填写、计算、检查和导出《项目支出绩效自评表》
Comment[zh_CN]=填写、计算、检查和导出《项目支出绩效自评表》
Exec={INSTALL_DIR}/{NAME} %F
TryExec={INSTALL_DIR}/{NAME}
Icon={NAME}
Terminal=false
Categories=Office;
MimeType=application/json;
Keywords=绩效;自评表;项目支出;财政;
StartupNotify=true
"""


def control(installed_kb: int, glibc: str) -> str:
    depends = ", ".join([f"libc6 (>= {glibc})"] + SYSTEM_PACKAGES)
    return (f"Package: {NAME}\nVersion: {VERSION}\nArchitecture: amd64\nSection: misc\nPriority: optional\n"
            f"Installed-Size: {installed_kb}\nDepends: {depends}\n"
            f"Maintainer: 绩效自评表编辑器 <{NAME}@localhost>\n"
            "Description: 绩效自评表编辑器:填写、计算、检查和导出项目支出绩效自评表\n"
            " 离线的桌面程序,用于填写《项目支出绩效自评表》,自动计算得分和等级,\n"
            " 检查问题,导出与纸质表格版式一致的 Excel 工作簿和 PDF。\n")


def normalise_modes(root: Path) -> None:
    """0755 for folders and programs, 0644 for everything else: the package must not depend on
    the build machine's umask."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def stage(root: Path, glibc: str) -> None:
    target = root / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle_dir(), target, symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin" / NAME).symlink_to(f"{INSTALL_DIR}/{NAME}")
    apps = root / "usr/share/applications"
    apps.mkdir(parents=True)
    (apps / f"{NAME}.desktop").write_text(DESKTOP, encoding="utf-8")
    for size in ICON_SIZES:
        folder = root / f"usr/share/icons/hicolor/{size}x{size}/apps"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / "resources/icons" / f"{NAME}-{size}.png", folder / f"{NAME}.png")
    docs = root / f"usr/share/doc/{NAME}"
    docs.mkdir(parents=True)
    shutil.copy(ROOT / "resources/fonts/LICENSE-ARPHICPL.txt", docs / "LICENSE-ARPHICPL.txt")
    normalise_modes(root)
    debian = root / "DEBIAN"
    debian.mkdir()
    installed_kb = (folder_size(root) + 1023) // 1024
    (debian / "control").write_text(control(installed_kb, glibc), encoding="utf-8")
    normalise_modes(debian)


def main() -> int:
    if not (bundle_dir() / NAME).is_file():
        print(f"错误:没有 {bundle_dir() / NAME},请先运行 python installer/build.py", file=sys.stderr)
        return 1
    if not shutil.which("dpkg-deb"):
        print("错误:需要 dpkg-deb(在 Debian、UOS、麒麟等系统上构建)", file=sys.stderr)
        return 1
    glibc, _ = glibc_needed(bundle_dir())
    output = DIST / f"{NAME}_{VERSION}_amd64.deb"
    with tempfile.TemporaryDirectory(dir=DIST) as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        os.chmod(tmp, 0o755)
        stage(root, glibc or "2.17")
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(output)], check=True,
                       stdout=subprocess.DEVNULL)
    print(f"已生成 {output}({output.stat().st_size / 1024 / 1024:.0f} MB,需要 glibc {glibc} 或更新)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
