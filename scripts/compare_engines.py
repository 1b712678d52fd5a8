"""Build the sample site with MkDocs and with ProperDocs, and compare them file for file.

Usage: .venv/bin/python scripts/compare_engines.py [--keep]
(run by scripts/test, after scripts/setup --dev has made .venv and .venv-properdocs)

Each engine's ``tuyengiao build`` (public audience) runs from its own venv in its own
copy of the project (mkdocs.yml, content/, data/, overrides/), so each starts with an
empty cache and renders every page and booklet itself; both get the same
SOURCE_DATE_EPOCH, so the sitemap's dates agree. The two sites must have the same
files, byte for byte, except where an entry of ALLOWED below explains the difference:
a file that differs is accepted only when replacing that entry's pattern in both
copies makes them equal. Also checks that requirements-properdocs.txt pins every
package that requirements.txt pins to the same version, the engines aside.
Prints a short summary; exits 1 on any unexplained difference.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What a build reads besides the package: mkdocs.yml names the rest.
PROJECT_INPUTS = ("mkdocs.yml", "content", "data", "overrides")
ENGINES = {"mkdocs": ROOT / ".venv", "properdocs": ROOT / ".venv-properdocs"}
#: Pins that only one environment has: the engine and what only it requires.
ENGINE_ONLY = {"mkdocs": {"mkdocs", "mkdocs-get-deps", "mergedeep"},
               "properdocs": {"properdocs"}}


@dataclass(frozen=True)
class Allowed:
    """A known difference between the two sites, and why it is there."""

    name: str
    files: str  # glob on the path in the site
    pattern: bytes  # what may differ, as a regular expression
    reason: str


ALLOWED = [
    Allowed(
        "generator meta tag",
        "*.html",
        rb'<meta name="generator" content="mkdocs-[^"]*, mkdocs-material-[^"]*">',
        "Material writes the engine's name and version into every page's "
        '<meta name="generator">: "mkdocs-1.6.1" with MkDocs, "mkdocs-ProperDocs 1.6.7" with '
        "ProperDocs (which gives templates mkdocs_version = \"ProperDocs <version>\"). "
        "Not shown, and true in each site.",
    ),
]


def pins(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return found


def check_pins() -> list[str]:
    """The two requirement files pin the same versions of the same packages."""
    mk, pd = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-properdocs.txt")
    problems = [f"{name}: {mk[name]} in requirements.txt, {pd[name]} in "
                "requirements-properdocs.txt" for name in sorted(mk.keys() & pd.keys())
                if mk[name] != pd[name]]
    for engine, mine, other in (("mkdocs", mk, pd), ("properdocs", pd, mk)):
        extra = mine.keys() - other.keys()
        if extra != ENGINE_ONLY[engine]:
            problems.append(f"pinned only for {engine}: {sorted(extra)}, expected "
                            f"{sorted(ENGINE_ONLY[engine])}")
    return problems


def probe(engine: str) -> str:
    """'MkDocs 1.6.1' or 'ProperDocs 1.6.7': which engine that venv's tuyengiao runs on."""
    code = ("import importlib.util as u; real = u.find_spec('mkdocs') is not None\n"
            "from tuyengiao.mkdocs import engine as e; print(e.NAME, e.VERSION, real)")
    python = ENGINES[engine] / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "TUYENGIAO_ENGINE"}
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout.split()
    name, version, has_mkdocs = out
    if name != engine:
        raise SystemExit(f"compare engines: {python} runs on {name}, not {engine}")
    if engine == "properdocs" and has_mkdocs == "True":
        raise SystemExit(f"compare engines: MkDocs is installed in {ENGINES[engine]}")
    return f"{'MkDocs' if name == 'mkdocs' else 'ProperDocs'} {version}"


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return f"binary, {len(a)} and {len(b)} bytes"
    for line in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0):
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++")):
            return line[:200]
    return "line endings or trailing newline"


def compare(site_a: Path, site_b: Path) -> tuple[int, dict[str, list[str]], list[str]]:
    """(identical files, allowed differences by entry name, unexplained differences)."""
    a, b = files_of(site_a), files_of(site_b)
    unexplained = [f"only in the {side} site: {path}"
                   for side, mine, other in (("MkDocs", a, b), ("ProperDocs", b, a))
                   for path in sorted(mine.keys() - other.keys())]
    allowed: dict[str, list[str]] = {entry.name: [] for entry in ALLOWED}
    same = 0
    for path in sorted(a.keys() & b.keys()):
        bytes_a, bytes_b = a[path].read_bytes(), b[path].read_bytes()
        if bytes_a == bytes_b:
            same += 1
            continue
        # A precompressed copy (``x.html.gz``) differs as its file does: compared
        # decompressed, under the file's own entries.
        name = path
        if path.endswith(".gz"):
            name = path[:-3]
            bytes_a, bytes_b = gzip.decompress(bytes_a), gzip.decompress(bytes_b)
        for entry in ALLOWED:
            if fnmatch.fnmatch(name, entry.files) and (
                    re.sub(entry.pattern, b"", bytes_a) == re.sub(entry.pattern, b"", bytes_b)):
                allowed[entry.name].append(path)
                break
        else:
            unexplained.append(f"{path}: {first_difference(bytes_a, bytes_b)}")
    return same, allowed, unexplained


def build_both(work: Path) -> dict[str, float]:
    """Run both builds at once, each in its own copy of the project; seconds each took."""
    env = {k: v for k, v in os.environ.items() if k != "TUYENGIAO_ENGINE"}
    env["SOURCE_DATE_EPOCH"] = str(int(time.time()))
    running = {}
    for engine, venv in ENGINES.items():
        project = work / engine
        for name in PROJECT_INPUTS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, project / name)
            else:
                project.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, project / name)
        log = (work / f"{engine}.log").open("w")
        command = [str(venv / "bin" / "tuyengiao"), "--project", str(project), "build",
                   "--audience", "public", "--out", str(work / f"site-{engine}")]
        running[engine] = (subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=env),
                           time.perf_counter(), log)
    seconds, failed = {}, []
    for engine, (process, started, log) in running.items():
        code = process.wait()
        seconds[engine] = time.perf_counter() - started
        log.close()
        if code != 0:
            failed.append(engine)
            sys.stdout.write((work / f"{engine}.log").read_text(encoding="utf-8"))
    if failed:
        raise SystemExit(f"compare engines: the {' and '.join(failed)} build failed")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true",
                        help="keep the two sites (their folder is printed)")
    args = parser.parse_args()
    started = time.perf_counter()
    problems = check_pins()
    engines = {engine: probe(engine) for engine in ENGINES}
    work = Path(tempfile.mkdtemp(prefix="tuyengiao-engines-"))
    try:
        seconds = build_both(work)
        same, allowed, unexplained = compare(work / "site-mkdocs", work / "site-properdocs")
    finally:
        if args.keep:
            print(f"compare engines: the sites are in {work}/site-mkdocs and "
                  f"{work}/site-properdocs")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("compare engines: " + ", ".join(
        f"{engines[e]} built in {seconds[e]:.1f} s" for e in ENGINES))
    differing = sum(len(paths) for paths in allowed.values())
    print(f"compare engines: {same + differing + len(unexplained)} files: {same} identical, "
          f"{differing} differ only as allowed, {len(unexplained)} unexplained")
    for entry in ALLOWED:
        if allowed[entry.name]:
            print(f"  allowed: {entry.name} in {len(allowed[entry.name])} files: {entry.reason}")
        else:
            print(f"  allow-list entry not needed any more: {entry.name}")
    for line in problems + unexplained:
        print(f"  DIFFERENT: {line}")
    print(f"compare engines: {'FAILED' if problems or unexplained else 'same sites'} "
          f"({time.perf_counter() - started:.1f} s)")
    return 1 if problems or unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
