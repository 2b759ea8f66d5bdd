"""Where an SQLite file may live: refuse network shares and synced folders (they corrupt it)."""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

from coachdesk.errors import UserError

#: Folder names of sync services: a synced copy of a live SQLite file gets torn or duplicated.
SYNCED_FOLDERS = ("onedrive", "dropbox", "google drive", "googledrive", "icloud drive", "icloud")
#: Linux file-system types that are another machine's disk.
NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "davfs",
    "fuse.davfs2",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "9p",
    "fuse.rclone",
    "fuse.s3fs",
    "fuse.gcsfuse",
    "fuse.gvfsd-fuse",
    "fuse.onedriver",
    "fuse.dropbox",
}
MOUNTS = Path("/proc/mounts")


class NotLocalDisk(UserError):
    """The database is on a network share or in a synced folder."""

    def __init__(self, path: Path, why: str, local_dir: Path) -> None:
        super().__init__(
            f"{path} is {why}. SQLite databases on shared or synced folders get damaged when "
            "two computers (or the sync service) touch them at once, so coachdesk will not "
            f"open it there. Copy it to this computer (for example to {local_dir}) and open "
            "the copy; to share a hub between people, use a PostgreSQL database."
        )
        self.path = path
        self.why = why
        self.local_dir = local_dir


def _synced_folder(path: Path) -> str | None:
    for part in path.parts[:-1]:
        low = part.lower()
        for name in SYNCED_FOLDERS:
            if low == name or low.startswith(name + " -") or low.startswith(name + "-"):
                return f"in a {part.split(' -')[0]} folder, which a sync service copies"
    return None


def _windows_network(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "on a network share (a \\\\server\\share path)"
    drive = PureWindowsPath(text).drive
    if sys.platform == "win32" and drive:  # pragma: no cover - Windows only
        import ctypes

        drive_remote = 4
        if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:
            return f"on a mapped network drive ({drive})"
    return None


def mount_type(path: Path, mounts: str | None = None) -> str | None:
    """The file-system type of the mount holding ``path`` (Linux), or None when unknown."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, kind = "", None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def network_reason(path: Path, mounts: str | None = None) -> str | None:
    """Why ``path`` is not on this computer's own disk, or None when it is."""
    why = _windows_network(path) or _synced_folder(path)
    if why:
        return why
    kind = mount_type(path, mounts)
    if kind and (kind in NETWORK_FS or kind.split(".")[0] in NETWORK_FS):
        return f"on a network file system ({kind})"
    return None
