"""Recordings (``audio:``) on every document type: read from the file's headers, a file
that is not a recording is a located error."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.load.audio import AudioError, read_audio
from tuyengiao.core.model.audio import AudioInfo, duration, file_size

if TYPE_CHECKING:
    from core_project import CoreProject

FIXTURE_CONTENT = Path(__file__).resolve().parents[2] / "fixtures" / "project" / "content"
SAMPLE_MP3 = "am-thanh/nghi-quyet-5-hmn.mp3"


def _wav(seconds: float, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(b"\x80" * int(rate * seconds))
    return out.getvalue()


def test_an_mp3_is_read_from_its_headers() -> None:
    info = read_audio(FIXTURE_CONTENT, SAMPLE_MP3)
    assert info.format == "MP3" and info.mime == "audio/mpeg"
    assert info.size == (FIXTURE_CONTENT / SAMPLE_MP3).stat().st_size
    assert 1.0 < info.seconds < 4.0


def test_a_wav_length_is_its_frames(tmp_path: Path) -> None:
    (tmp_path / "a.wav").write_bytes(_wav(75.5))
    info = read_audio(tmp_path, "a.wav")
    assert (info.format, info.mime, info.duration) == ("WAV", "audio/wav", "1:15")
    assert info.label == f"WAV, {file_size(info.size)}, 1:15"


def test_durations_and_sizes_in_vietnamese() -> None:
    assert [duration(s) for s in (0.4, 14.9, 75, 3725)] == ["0:00", "0:14", "1:15", "1:02:05"]
    assert AudioInfo("a.mp3", 59_932, 14.6, "MP3", "audio/mpeg").label == "MP3, 60 KB, 0:14"
    assert AudioInfo("a.mp3", 1_234_567, 61, "MP3", "audio/mpeg").label == "MP3, 1,2 MB, 1:01"


@pytest.mark.parametrize("data", [b"ID3", b"not a recording at all", b""])
def test_a_file_that_is_not_a_recording(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "x.mp3").write_bytes(data)
    with pytest.raises(AudioError, match=r"'x\.mp3'"):
        read_audio(tmp_path, "x.mp3")


@pytest.mark.parametrize("doc_type", ["resolution", "qa", "guidance"])
def test_audio_is_accepted_on_every_type(core_project: CoreProject, doc_type: str) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write_bytes("content/am-thanh/bai.wav", _wav(3))
    head = {"resolution": "number: 272-KH/HU\nissuer: Ban Thường vụ\ndate: 2023-03-01\n",
            "qa": "resolution: 271-KH/HU\n", "guidance": "resolution: 271-KH/HU\n"}[doc_type]
    body = "## Câu hỏi 1: Vì sao?\n\nVì thế.\n" if doc_type == "qa" else "Nội dung.\n"
    core_project.write("content/x.md", f"---\ntype: {doc_type}\ntitle: Bài\n{head}"
                       "visibility: public\naudio: am-thanh/bai.wav\n---\n\n" + body)
    assert core_project.problems() == []
    corpus = core_project.corpus()
    doc = next(d for d in corpus.documents if d.path == "content/x.md")
    audio = SiteView(corpus, "public").audio(doc)
    assert audio is not None and audio.path == "am-thanh/bai.wav" and audio.duration == "0:03"


def test_a_recording_that_cannot_be_read_is_a_located_error(core_project: CoreProject) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write_bytes("content/am-thanh/bai.mp3", b"ID3 but nothing else")
    core_project.write("content/x.md", "---\ntype: guidance\ntitle: Bài\nresolution: 271-KH/HU\n"
                       "audio: am-thanh/bai.mp3\n---\n\nNội dung.\n")
    problems = core_project.problems()
    assert len(problems) == 1
    assert problems[0].startswith("content/x.md:5: error: audio: 'am-thanh/bai.mp3' ")
    assert "MP3, M4A, OGG" in problems[0]


def test_an_internal_document_has_no_audio_in_the_public_view(core_project: CoreProject
                                                             ) -> None:
    core_project.resolution("content/r.md", "271-KH/HU")
    core_project.write_bytes("content/bai.wav", _wav(1))
    core_project.write("content/x.md", "---\ntype: guidance\ntitle: Bài\nresolution: 271-KH/HU\n"
                       "audio: bai.wav\n---\n\nNội dung.\n")
    corpus = core_project.corpus()
    doc = next(d for d in corpus.documents if d.path == "content/x.md")
    assert SiteView(corpus, "public").audio(doc) is None
    assert SiteView(corpus, "internal").audio(doc) is not None
