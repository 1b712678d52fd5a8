"""Read a recording's size, length and format from the file itself (``audio:`` keys).

The length is read from the container's headers by mutagen (MP3 frames and Xing/VBRI
header, MP4 ``mvhd``, Ogg pages, WAV ``fmt``/``data``, FLAC STREAMINFO); nothing is
decoded or played. A file mutagen does not recognise is a located error, so a page
never offers a recording whose player would stay at 0:00.
"""

from __future__ import annotations

from pathlib import Path

from tuyengiao.core.model.audio import FORMATS, AudioInfo

#: What an editor may name in ``audio:`` (for the message).
KNOWN = "MP3, M4A, OGG (Vorbis or Opus), WAV or FLAC"


class AudioError(ValueError):
    """The file is not a recording this build can read."""


def read_audio(root: Path, path: str) -> AudioInfo:
    """The :class:`AudioInfo` of ``root/path``; :class:`AudioError` if it is not one."""
    import mutagen  # imported here: only projects with recordings pay for it

    file = root / path
    try:
        found = mutagen.File(file)
    except (mutagen.MutagenError, OSError, ValueError, EOFError) as error:
        raise AudioError(f"'{path}' cannot be read as a recording ({error}); "
                         f"use an {KNOWN} file") from None
    kind = type(found).__name__ if found is not None else ""
    if kind not in FORMATS:
        raise AudioError(f"'{path}' is not a recording this build can read; "
                         f"use an {KNOWN} file")
    seconds = float(getattr(found.info, "length", 0.0) or 0.0)
    if seconds <= 0:
        raise AudioError(f"'{path}' has no length in its headers (an empty or damaged "
                         "recording); export it again")
    name, mime = FORMATS[kind]
    return AudioInfo(path, file.stat().st_size, seconds, name, mime)
