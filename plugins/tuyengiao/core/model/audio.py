"""A recording a document offers (``audio:``): what the page and the feeds say about it."""

from __future__ import annotations

from dataclasses import dataclass

#: The recordings the build reads, by the container mutagen finds: (name, MIME type).
FORMATS: dict[str, tuple[str, str]] = {
    "MP3": ("MP3", "audio/mpeg"),
    "MP4": ("M4A", "audio/mp4"),
    "OggVorbis": ("OGG", "audio/ogg"),
    "OggOpus": ("OGG", "audio/ogg"),
    "WAVE": ("WAV", "audio/wav"),
    "FLAC": ("FLAC", "audio/flac"),
}


def file_size(size: int) -> str:
    """``1,2 MB`` or ``57 KB``, with the Vietnamese decimal comma."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"
    return f"{max(1, round(size / 1000))} KB"


def duration(seconds: float) -> str:
    """``2:05`` (minutes:seconds) or ``1:02:05``."""
    total = max(0, int(seconds))  # whole seconds, as players show it
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class AudioInfo:
    """One recording under ``content/``: its path there, size in bytes, length, format."""

    path: str
    size: int
    seconds: float
    format: str
    mime: str

    @property
    def label(self) -> str:
        """``MP3, 58 KB, 0:15``: what the download link says."""
        return f"{self.format}, {file_size(self.size)}, {duration(self.seconds)}"

    @property
    def duration(self) -> str:
        return duration(self.seconds)
