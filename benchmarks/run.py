"""Time ``cards`` on synthetic decks against two reference pipelines; write benchmarks/RESULTS.md.

    python benchmarks/run.py                  # 1,000, 2,000 and 10,000 cards (5, 5 and 3 runs)
    python benchmarks/run.py --quick          # 1,000 and 2,000 cards, 3 runs; writes no file
    python benchmarks/run.py --sizes 500,4000 --runs 2 --src ../other-checkout/src

Every figure is the wall-clock time of a fresh process, started the way a user
starts it (``python -m cards ...`` with PYTHONPATH set to ``--src``, in the
generated project folder), and the median of several runs. See
benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write_project  # noqa: E402

# Targets, as stated in the issue.
FLOOR_RATIO_MAX, FLOOR_SIZES = 2.0, (2000, 10000)
NAIVE_RATIO_MIN, NAIVE_SIZES = 8.0, (2000,)
REBUILD_RATIO_MAX = 0.2
HELP_MAX_S = 0.3
LINT_MAX_S, LINT_SIZE = 1.0, 10000
MEMORY_MAX_MB, MEMORY_SIZE = 500, 10000
LINEAR_SLACK = 1.2  # per-card cost at the largest size at most 1.2x that at the smallest

# Run in a fresh interpreter: times check() with and without linting, after one
# untimed check() that pays for imports and warms the file cache.
LINT_PROBE = """
import json, sys, time
from pathlib import Path
from cards.build import check
try:
    import cards.lint  # imported by check(lint=True); import it here so only the lint work is timed
except ImportError:
    pass
paths = [Path(p) for p in sys.argv[1:]]
check(paths, lint=False)
t0 = time.perf_counter()
check(paths, lint=False)
t1 = time.perf_counter()
result = check(paths, lint=True)
t2 = time.perf_counter()
print(json.dumps({"without": t1 - t0, "with": t2 - t1,
                  "errors": len(result.errors), "warnings": len(result.warnings)}))
"""


class BenchError(Exception):
    pass


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    stdout: str
    stderr: str


def timed(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> Run:
    """Run ``cmd`` as a fresh child; its wall time and peak resident memory (of it and its waited children)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if check and proc.returncode != 0:
        shown = "\n".join((stdout + stderr).strip().splitlines()[:20])
        raise BenchError(f"`{' '.join(cmd)}` in {cwd} exited {proc.returncode}:\n{shown}")
    return Run(seconds, usage.ru_maxrss, stdout, stderr)


def tree_peak_kb(cmd: list[str], cwd: Path, env: dict[str, str]) -> int | None:
    """Run ``cmd`` and sample, every 10 ms, the resident memory of it and all its
    descendants together (the PDF helper, workers): the most the build held at once.
    Linux only (reads /proc); None elsewhere. Not timed, as sampling costs CPU."""
    if not Path("/proc/self/task").is_dir():
        return None
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        total, stack, seen = 0, [proc.pid], set()
        while stack:
            pid = stack.pop()
            if pid in seen:
                continue
            seen.add(pid)
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
                for task in Path(f"/proc/{pid}/task").iterdir():
                    stack += [int(c) for c in (task / "children").read_text().split()]
            except (OSError, StopIteration, ValueError):
                continue
        peak = max(peak, total)
        time.sleep(0.01)
    return peak


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass
class SizeResult:
    cards: int
    runs: int
    full: list[float] = field(default_factory=list)
    rebuild: list[float] = field(default_factory=list)
    lint_cmd: list[float] = field(default_factory=list)
    lint_inproc: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    naive: list[float] = field(default_factory=list)
    peak_kb: int = 0
    #: the build and its child processes together, sampled (None: not measured)
    tree_peak_kb: int | None = None
    floor_peak_kb: int = 0
    naive_peak_kb: int = 0
    pdf: bool = False
    lint_findings: str = ""
    probe_failure: str = ""

    def m(self, name: str) -> float | None:
        return median(getattr(self, name))


class Bench:
    def __init__(self, src: Path, workdir: Path, naive: bool, naive_max: int, log):
        self.src = src
        self.workdir = workdir
        self.naive = naive
        self.naive_max = naive_max
        self.log = log
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
        self.env["PYTHONPATH"] = str(src)
        self.ref_env = {k: v for k, v in self.env.items() if k != "PYTHONPATH"}
        self.cards = [sys.executable, "-m", "cards"]
        self.force = False

    def detect(self) -> None:
        helptext = timed(self.cards + ["build", "--help"], self.workdir, self.env).stdout
        self.force = "--force" in helptext

    def help_time(self, runs: int) -> list[float]:
        timed(self.cards + ["--help"], self.workdir, self.env)  # warm-up: bytecode, file cache
        return [timed(self.cards + ["--help"], self.workdir, self.env).seconds for _ in range(runs)]

    def lint_probe(self, result: SizeResult, deck: Path, project: Path) -> None:
        """Time the lint call alone in a fresh interpreter; note (once) why if that cannot be done."""
        run = timed([sys.executable, "-c", LINT_PROBE, str(deck)], project, self.env, check=False)
        try:
            probe = json.loads(run.stdout.strip().splitlines()[-1])
            result.lint_inproc.append(max(0.0, probe["with"] - probe["without"]))
        except (IndexError, ValueError, KeyError, TypeError):
            if not result.probe_failure:
                result.probe_failure = ((run.stdout + run.stderr).strip().splitlines() or ["no output"])[-1][:200]

    def size(self, n: int, runs: int, naive_runs: int) -> SizeResult:
        project = write_project(n, self.workdir)
        deck = project / "decks" / f"bench-{n}.yaml"
        build_dir = project / "build"
        full_cmd = self.cards + ["build"] + (["--force"] if self.force else [])
        result = SizeResult(n, runs)

        lint = timed(self.cards + ["lint"], project, self.env, check=False)
        if lint.stdout.strip():
            lines = lint.stdout.strip().splitlines()
            result.lint_findings = f"{len(lines)} line(s) of lint output, first: {lines[0]}"
        # Warm-up, untimed: bytecode, file cache, and a first build.
        timed(full_cmd, project, self.env)
        timed([sys.executable, str(HERE / "reference.py"), "floor", str(project)], project, self.ref_env)

        for r in range(runs):
            self.log(f"  {n} cards, run {r + 1}/{runs}")
            shutil.rmtree(build_dir, ignore_errors=True)
            full = timed(full_cmd, project, self.env)
            result.full.append(full.seconds)
            result.peak_kb = max(result.peak_kb, full.max_rss_kb)
            result.pdf = (build_dir / "bench-{}.pdf".format(n)).is_file()
            result.rebuild.append(timed(self.cards + ["build"], project, self.env).seconds)
            result.lint_cmd.append(timed(self.cards + ["lint"], project, self.env, check=False).seconds)
            self.lint_probe(result, deck, project)
            floor = timed([sys.executable, str(HERE / "reference.py"), "floor", str(project)], project,
                          self.ref_env)
            result.floor.append(floor.seconds)
            result.floor_peak_kb = max(result.floor_peak_kb, floor.max_rss_kb)
            if self.naive and n <= self.naive_max and r < naive_runs:
                naive = timed([sys.executable, str(HERE / "reference.py"), "naive", str(project)], project,
                              self.ref_env)
                result.naive.append(naive.seconds)
                result.naive_peak_kb = max(result.naive_peak_kb, naive.max_rss_kb)
        shutil.rmtree(build_dir, ignore_errors=True)
        result.tree_peak_kb = tree_peak_kb(full_cmd, project, self.env)
        if not (build_dir / f"bench-{n}.apkg").is_file():
            raise BenchError(f"`cards build` wrote no {build_dir / f'bench-{n}.apkg'}")
        return result


# --- the report -------------------------------------------------------------------------------


def secs(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def verdict(ok: bool | None, pdf: bool = True, needs_pdf: bool = False) -> str:
    """pass / FAIL; a comparison with the PDF-writing references is not judged while cards writes no PDF."""
    if ok is None:
        return "not measured"
    if not pdf and needs_pdf:
        return "not judged (no pdf)"
    return ("pass" if ok else "**FAIL**") + ("" if pdf else " (without pdf)")


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}x"


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB" if kb else "–"


def size_table(results: list[SizeResult]) -> list[str]:
    rows = [
        "| cards | runs | full build | per card | floor | full ÷ floor (≤ 2x at 2k, 10k) | naive "
        "| naive ÷ full (≥ 8x at 2k) | unchanged rebuild | rebuild ÷ full (≤ 0.2x) | `cards lint` "
        "| lint in-process (< 1 s at 10k) | peak memory, all processes (< 500 MB at 10k) "
        "| largest process | floor / naive peak | pdf |",
        "|---:|---:|---:|---:|---:|---|---:|---|---:|---|---:|---|---|---|---|---|",
    ]
    for r in results:
        full, floor, naive, rebuild, lint = (r.m(k) for k in ("full", "floor", "naive", "rebuild", "lint_inproc"))
        floor_x, naive_x, rebuild_x = ratio(full, floor), ratio(naive, full), ratio(rebuild, full)
        cells = [
            f"{r.cards:,}", str(r.runs), secs(full), f"{1000 * full / r.cards:.2f} ms", secs(floor),
            x(floor_x), secs(naive) + (f" ({len(r.naive)} runs)" if r.naive and len(r.naive) != r.runs else ""),
            x(naive_x), secs(rebuild), f"{x(rebuild_x)} {verdict(rebuild_x <= REBUILD_RATIO_MAX)}",
            secs(r.m("lint_cmd")), secs(lint), mb(r.tree_peak_kb or 0), mb(r.peak_kb),
            f"{mb(r.floor_peak_kb)} / {mb(r.naive_peak_kb)}",
            "yes" if r.pdf else "no",
        ]
        if r.cards in FLOOR_SIZES and floor_x is not None:
            cells[5] += " " + verdict(floor_x <= FLOOR_RATIO_MAX, r.pdf, needs_pdf=True)
        if r.cards in NAIVE_SIZES and naive_x is not None:
            cells[7] += " " + verdict(naive_x >= NAIVE_RATIO_MIN, r.pdf, needs_pdf=True)
        if r.cards == LINT_SIZE and lint is not None:
            cells[11] += " " + verdict(lint < LINT_MAX_S)
        if r.cards == MEMORY_SIZE:
            cells[12] += " " + verdict(_memory(r) / 1024 < MEMORY_MAX_MB, r.pdf)
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _memory(r: SizeResult) -> int:
    """The memory judged: all processes together where that was measured, else the largest."""
    return r.tree_peak_kb if r.tree_peak_kb is not None else r.peak_kb


def target_table(results: list[SizeResult], help_s: float) -> list[str]:
    by_size = {r.cards: r for r in results}
    rows = ["| target | measured | result |", "|---|---|---|"]

    def add(name: str, measured: str, result: str) -> None:
        rows.append(f"| {name} | {measured} | {result} |")

    for n in FLOOR_SIZES:
        r = by_size.get(n)
        value = ratio(r.m("full"), r.m("floor")) if r else None
        add(f"full build ≤ {FLOOR_RATIO_MAX:g}x floor at {n:,} cards", x(value),
            verdict(None if value is None else value <= FLOOR_RATIO_MAX, r.pdf if r else True, needs_pdf=True))
    for n in NAIVE_SIZES:
        r = by_size.get(n)
        value = ratio(r.m("naive"), r.m("full")) if r else None
        add(f"full build ≥ {NAIVE_RATIO_MIN:g}x faster than naive at {n:,} cards", x(value),
            verdict(None if value is None else value >= NAIVE_RATIO_MIN, r.pdf if r else True, needs_pdf=True))
    worst = max((ratio(r.m("rebuild"), r.m("full")) for r in results), default=None)
    add(f"unchanged rebuild ≤ {REBUILD_RATIO_MAX:g}x full build (worst size)", x(worst),
        verdict(None if worst is None else worst <= REBUILD_RATIO_MAX))
    add(f"`cards --help` < {HELP_MAX_S:g} s", secs(help_s), verdict(help_s < HELP_MAX_S))
    r = by_size.get(LINT_SIZE)
    lint = r.m("lint_inproc") if r else None
    add(f"lint of {LINT_SIZE:,} cards < {LINT_MAX_S:g} s (in-process)",
        f"{secs(lint)} (whole `cards lint`: {secs(r.m('lint_cmd'))})" if r else "–",
        verdict(None if lint is None else lint < LINT_MAX_S))
    r = by_size.get(MEMORY_SIZE)
    add(f"peak memory of a {MEMORY_SIZE:,}-card build < {MEMORY_MAX_MB} MB",
        f"{mb(_memory(r))} all processes together; largest process {mb(r.peak_kb)} "
        f"(floor: {mb(r.floor_peak_kb)})" if r else "–",
        verdict(None if r is None else _memory(r) / 1024 < MEMORY_MAX_MB, r.pdf if r else True))
    if len(results) >= 2:
        small, large = results[0], results[-1]
        per_small, per_large = small.m("full") / small.cards, large.m("full") / large.cards
        marginal = (large.m("full") - small.m("full")) / (large.cards - small.cards)
        add(f"linear growth: per-card cost at {large.cards:,} ≤ {LINEAR_SLACK:g}x that at {small.cards:,}",
            f"{1000 * per_small:.2f} ms → {1000 * per_large:.2f} ms per card "
            f"({per_large / per_small:.2f}x; marginal {1000 * marginal:.2f} ms per added card)",
            verdict(per_large <= LINEAR_SLACK * per_small, large.pdf))
    else:
        add("linear growth", "needs two sizes", "not measured")
    return rows


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        import yaml
        libyaml = "yes" if yaml.__with_libyaml__ else "no"
    except ImportError:
        libyaml = "PyYAML not installed"
    packages = ", ".join(f"{d} {_version(d)}" for d in ("genanki", "typst", "weasyprint", "PyYAML", "Jinja2", "click"))
    return [
        f"- CPU: {cpu}; {os.cpu_count()} logical cores ({usable} usable)",
        f"- Memory: {memory}",
        f"- OS: {platform.platform()}",
        f"- Python: {platform.python_version()} ({sys.executable})",
        f"- Packages: {packages}; libyaml: {libyaml}",
    ]


def source_description(src: Path) -> str:
    try:
        commit = subprocess.run(["git", "-C", str(src), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, check=True).stdout.strip()
        branch = subprocess.run(["git", "-C", str(src), "rev-parse", "--abbrev-ref", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        return f"`{src}` (git {branch} at {commit})"
    except (OSError, subprocess.CalledProcessError):
        return f"`{src}`"


def report(results, help_s, bench: Bench, args, notes: list[str], load_before: str, load_after: str) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Taken {now} with `{' '.join(['python benchmarks/run.py', *sys.argv[1:]])}`.",
        f"Code measured: {source_description(bench.src)}.",
        "",
        "## Machine",
        "",
        *machine(),
        f"- Load average (1, 5, 15 min) before: {load_before}; after: {load_after}",
        "",
        "## Per size",
        "",
        "Medians of the runs, in wall-clock seconds of a fresh process each. *floor*: genanki + one",
        "`typst.compile`; *naive*: genanki + Jinja HTML + WeasyPrint. Columns: benchmarks/README.md.",
        "",
        *size_table(results),
        "",
        "## Targets",
        "",
        *target_table(results, help_s),
        "",
        "## Notes",
        "",
        *[f"- {note}" for note in notes],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 2,000 cards, 3 runs, no RESULTS.md")
    parser.add_argument("--sizes", help="comma-separated card counts (default 1000,2000,10000)")
    parser.add_argument("--runs", type=int, help="runs per size (default 5, and 3 from 10,000 cards; --quick: 3)")
    parser.add_argument("--naive-runs", type=int, default=3, help="at most this many naive runs per size (3)")
    parser.add_argument("--naive-max", type=int, default=2000,
                        help="run the naive pipeline only up to this many cards (2000; it takes minutes at 10,000)")
    parser.add_argument("--src", type=Path, default=HERE.parent / "src", help="source tree to run (default: ../src)")
    parser.add_argument("--out", type=Path, help="where to write the results (default benchmarks/RESULTS.md; "
                                                 "--quick writes none unless given)")
    parser.add_argument("--workdir", type=Path, help="where to generate the projects (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    args = parser.parse_args()

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")] if args.sizes else (
        [1000, 2000] if args.quick else [1000, 2000, 10000])
    sizes.sort()
    out = args.out or (None if args.quick else HERE / "RESULTS.md")
    src = args.src.resolve()
    if not (src / "cards" / "__main__.py").is_file():
        sys.exit(f"run.py: {src} holds no cards/__main__.py; pass --src pointing at a source tree's src/")

    notes = []
    # Byte-compile the measured tree, as `pip install` does for an installed
    # package (and as genanki and typst, which the references use, already are):
    # with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile cards
    # from source again.
    compileall.compile_dir(str(src / "cards"), quiet=1)
    notes.append("The measured source tree was byte-compiled first, as an installed package is.")
    try:
        import weasyprint  # noqa: F401
        naive = True
    except Exception as exc:  # ImportError, or OSError when its system libraries are missing
        naive = False
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = (f"WeasyPrint is not usable ({first}), so the naive column is skipped: "
                   "`python -m pip install weasyprint` (and its system libraries, see benchmarks/README.md).")
        print(f"run.py: {message}", file=sys.stderr)
        notes.append(message)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cards-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    bench = Bench(src, workdir.resolve(), naive, args.naive_max, log)
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    try:
        bench.detect()
        help_runs = bench.help_time(10)
        results = []
        for n in sizes:
            runs = args.runs or (3 if args.quick or n >= 10000 else 5)
            log(f"{n} cards: generating in {workdir} and running {runs} times")
            results.append(bench.size(n, runs, min(runs, args.naive_runs)))
    except BenchError as exc:
        sys.exit(f"run.py: {exc}")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"

    notes.append("Full build: `cards build" + (" --force`" if bench.force else "`") + " after deleting `build/`"
                 + ("." if bench.force else "; this code has no `--force` flag yet, so none was passed."))
    missing_pdf = [f"{r.cards:,}" for r in results if not r.pdf]
    if missing_pdf:
        notes.append(f"`cards build` wrote no `build/<id>.pdf` at {', '.join(missing_pdf)} cards (pdf: no), so "
                     "the full build does less work than the floor and naive pipelines, which both write a PDF.")
    for r in results:
        if r.probe_failure:
            notes.append(f"The in-process lint timing failed at {r.cards:,} cards ({r.probe_failure}); "
                         "does `cards.build.check(paths, lint=...)` still exist?")
        if r.lint_findings:
            notes.append(f"`cards lint` at {r.cards:,} cards reported findings on the generated deck "
                         f"({r.lint_findings}); the generator and the linter disagree, so lint work may differ.")
    if naive and any(r.cards > args.naive_max for r in results):
        notes.append(f"The naive pipeline was run only up to {args.naive_max:,} cards (`--naive-max`).")
    notes.append("Peak memory, all processes: the resident memory of the build and every process it "
                 "started (the PDF helper, workers), summed and sampled every 10 ms in one extra, untimed "
                 "build (Linux /proc); shared library pages count once per process, so this overstates. "
                 "Largest process: the largest `ru_maxrss` of the timed builds (`os.wait4`), a maximum, "
                 "not a sum.")
    notes.append("Lint in-process: in a fresh `python -c`, `check(paths, lint=True)` minus "
                 "`check(paths, lint=False)`, after one untimed `check(paths, lint=False)` and importing "
                 "`cards.lint`.")

    text = report(results, statistics.median(help_runs), bench, args, notes, load_before, load_after)
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
        print(f"run.py: wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
