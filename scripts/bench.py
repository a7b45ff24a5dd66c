#!/usr/bin/env python3
"""bench.py: throughput benchmark of `nianbao run` on synthetic archives (what `make bench` runs).

Steps:
  1. `swift build -c release` (skipped with --skip-build or when --nianbao-bin is given).
  2. For every size (default 10000,100000) an archive made by scripts/make-archive is cached in
     the bench dir (default $NIANBAO_BENCH_DIR or /tmp/nianbao-bench) as archive-<size>/ and
     regenerated when its _manifest.jsonl is missing or its _generator.sha256 (make-archive's
     sha256 and the seed) differs from the current one.
  3. Per archive, in this order:
       cat          warm read of the same files: find A -type f (*.txt, *.html) | xargs -0 cat
       cold         nianbao run --input A --output O --state S --full-refresh  (O and S emptied first);
                    --repeat times (default 3), the page cache warmed again before each; the run of median
                    wall time is reported, with the range of reports/s and the highest peak RSS
       incremental  the same without --full-refresh, nothing changed
       modified-1%  after rewriting numbers in every 100th report (sorted by path); the original
                    bytes and mtimes are restored afterwards (a journal beside the archive restores
                    them on the next start if the bench was killed), so the cache stays pristine.
     Before the first archive and after the last, a fixed workload (zlib level 6 over 8 MB of the bundled
     reports on every core at once, best of three) measures the machine's speed, which drifts by tens of
     percent within a session and up to 2x between days.
     For each run: wall seconds, reports/s and MB/s (archive report files and bytes / wall), stage
     seconds from O/run.json key "seconds" ({"scan","extract","normalize","validate","load","total"},
     missing keys shown as "-"), the run's own peak RSS (VmHWM, from its --log-format json run_end event; os.wait4's
     figure if there is none), and the ratio of wall time to cat.
  4. Prints a table and writes <bench dir>/bench-results.json (each run also keeps its full
     run.json, copied to <bench dir>/runs/archive-<size>/<run>.run.json; a run.json that the run did
     not rewrite is ignored rather than credited with the previous run's numbers).
"cold" means no state (fresh --output/--state and --full-refresh); the page cache is warm, as for
the cat baseline, so the ratio compares CPU work rather than disk speed.
Exit status: 0, or 1 if any nianbao run (or the release build) failed. Logs of every run are kept
in <bench dir>/runs/archive-<size>/<run>.log.
"""

import argparse
import base64
import functools
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPORT_SUFFIXES = (".txt", ".html", ".htm")
STAGES = ["scan", "extract", "normalize", "validate", "load", "total"]
MODIFY_EVERY = 100  # 1% of the files


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def release_build():
    log("swift build -c release")
    result = subprocess.run(["swift", "build", "-c", "release"], cwd=REPO)
    return result.returncode == 0


def generator_stamp(seed):
    """What made an archive: the generator's own bytes and the seed, so a changed make-archive is not benchmarked
    on an archive its older version cached."""
    digest = hashlib.sha256((REPO / "scripts" / "make-archive").read_bytes())
    digest.update(f"seed={seed}".encode())
    return digest.hexdigest()


def ensure_archive(bench_dir, size, seed):
    archive = bench_dir / f"archive-{size}"
    restore_pending(archive)
    stamp_file = archive / "_generator.sha256"
    stamp = generator_stamp(seed)
    if (archive / "_manifest.jsonl").exists():
        if stamp_file.exists() and stamp_file.read_text(encoding="utf-8").strip() == stamp:
            return archive
        log(f"{archive} was made by another make-archive or seed; making it again")
    log(f"generating {archive} ({size} reports)")
    command = [sys.executable, str(REPO / "scripts" / "make-archive"), str(size), str(archive), "--force"]
    if seed is not None:
        command += ["--seed", str(seed)]
    if archive.exists() and not any(archive.iterdir()):
        archive.rmdir()
    subprocess.run(command, check=True)
    stamp_file.write_text(stamp + "\n", encoding="utf-8")
    return archive


def report_files(archive):
    files = []
    for root, _, names in os.walk(archive):
        for name in names:
            if name.endswith(REPORT_SUFFIXES):
                files.append(os.path.join(root, name))
    files.sort()
    return files


def cat_command(archive):
    return (f"find {shlex.quote(str(archive))} -type f \\( -name '*.txt' -o -name '*.html' -o -name '*.htm' \\) "
            f"-print0 | xargs -0 cat > /dev/null")


def warm_page_cache(archive):
    subprocess.run(cat_command(archive), shell=True, check=True)


def time_cat(archive):
    """Seconds for a warm `cat` of the report files (the first pass warms the page cache)."""
    warm_page_cache(archive)
    started = time.monotonic()
    subprocess.run(cat_command(archive), shell=True, check=True)
    return time.monotonic() - started


@functools.cache
def calibration_input():
    """8 MB of the bundled reports with their digits redrawn (deterministic); empty without them. Made once per bench,
    though timed twice."""
    import random
    rng = random.Random(20261207)
    seeds = b"".join(Path(path).read_bytes() for path in report_files(REPO / "data"))
    if not seeds:
        return b""
    chunks, size = [], 0
    while size < 8 << 20:
        chunk = re.sub(rb"[0-9]", lambda _: str(rng.randrange(10)).encode(), seeds)
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[: 8 << 20]


def calibrate():
    """MB/s of zlib at level 6 over `calibration_input()` on every core at once, best of three: a fixed workload
    printed beside the runs, because this machine kind's speed drifts by tens of percent within a session and up to
    2x between days, so benches compare only per unit of it. All cores, since a run uses all of them: on one core
    the figure stayed put while the runs slowed by 8-14%."""
    import zlib
    from concurrent.futures import ProcessPoolExecutor
    data = calibration_input()
    if not data:
        return None
    cores = os.cpu_count() or 1
    best = None
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(len, [b""] * cores))  # start the workers before timing
        for _ in range(3):
            started = time.perf_counter()
            list(pool.map(zlib.compress, [data] * cores, [6] * cores))
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
    return round(cores * len(data) / 1e6 / best, 1)


def run_nianbao(command, log_path):
    """Run one nianbao invocation; returns (exit status, wall seconds, peak RSS in MB of that child)."""
    with open(log_path, "wb") as log_file:
        log_file.write(("$ " + " ".join(command) + "\n").encode())
        log_file.flush()
        started = time.monotonic()
        try:
            # Own process group, so an interrupted bench can stop the run and whatever it started.
            process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as error:
            log_file.write(f"cannot start: {error}\n".encode())
            return 127, 0.0, None
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    # The run's own peak (VmHWM) from its run_end event. wait4's ru_maxrss is not it: Linux carries the high-water
    # mark across execve, so a run forked from this process reported this process's size when that was larger
    # (a 1%-changed run holds 1,000 files' bytes here: 98 MB shown, ~80 MB the run's own).
    return process.returncode, wall, logged_peak_rss(log_path) or usage.ru_maxrss / 1024.0


def logged_peak_rss(log_path):
    """peak_rss_mb of the last run_end event in a `--log-format json` log, or None."""
    peak = None
    for line in Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{") and '"run_end"' in line:
            try:
                peak = float(json.loads(line)["peak_rss_mb"])
            except (ValueError, KeyError, TypeError):
                pass
    return peak


def mtime_ns(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def read_run_json(output_dir):
    try:
        with open(output_dir / "run.json", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def stage_seconds(document):
    seconds = document.get("seconds") if document else None
    if not isinstance(seconds, dict):
        return {}
    return {key: float(value) for key, value in seconds.items() if isinstance(value, (int, float))}


# ---------------------------------------------------------------------------------------------
# Modifying 1% of the archive, and putting it back
# ---------------------------------------------------------------------------------------------
def journal_path(archive):
    return archive.parent / f"{archive.name}.restore.json"


def restore_pending(archive):
    journal = journal_path(archive)
    if not journal.exists():
        return
    log(f"restoring files modified by an interrupted bench ({journal})")
    restore(json.loads(journal.read_text(encoding="utf-8")))
    journal.unlink()


def restore(entries):
    for entry in entries:
        path = entry["path"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(entry["bytes"]))
        os.utime(path, ns=(entry["atime_ns"], entry["mtime_ns"]))


def manifest_encodings(archive):
    encodings = {}
    try:
        with open(archive / "_manifest.jsonl", encoding="utf-8") as manifest:
            for line in manifest:
                record = json.loads(line)
                encodings[str(archive / record["path"])] = record["encoding"]
    except (OSError, ValueError, KeyError):
        pass
    return encodings


NUMBER_RE = re.compile(r"\d+")


def bump_numbers(text):
    """Change the last digit of up to 12 numbers that are not years; the length stays the same."""
    changed = 0

    def bump(match):
        nonlocal changed
        token = match.group(0)
        if changed >= 12 or (len(token) == 4 and token[:2] in ("19", "20")):
            return token
        changed += 1
        return token[:-1] + str((int(token[-1]) + 1) % 10)

    return NUMBER_RE.sub(bump, text)


def modify_one_percent(archive, files):
    encodings = manifest_encodings(archive)
    chosen = files[::MODIFY_EVERY]
    entries = []
    for path in chosen:
        stat = os.stat(path)
        entries.append({"path": path, "atime_ns": stat.st_atime_ns, "mtime_ns": stat.st_mtime_ns,
                        "bytes": base64.b64encode(Path(path).read_bytes()).decode()})
    journal_path(archive).write_text(json.dumps(entries), encoding="utf-8")
    for entry in entries:
        original = base64.b64decode(entry["bytes"])
        encoding = encodings.get(entry["path"])
        candidates = [encoding] if encoding else ["utf-8", "gb18030", "big5"]
        for candidate in candidates:
            try:
                text = original.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
            # Re-encoding (not byte patching) keeps GB18030 four-byte sequences, which contain ASCII digits, intact.
            data = bump_numbers(text).encode(candidate, errors="replace")
            break
        else:
            data = original + b"\n"
        with open(entry["path"], "wb") as handle:
            handle.write(data)
    return entries


# ---------------------------------------------------------------------------------------------
# Benchmark driver
# ---------------------------------------------------------------------------------------------
def bench_archive(args, bench_dir, size):
    archive = ensure_archive(bench_dir, size, args.seed)
    files = report_files(archive)
    input_bytes = sum(os.path.getsize(path) for path in files)
    log(f"{archive}: {len(files)} report files, {input_bytes / 1e6:.1f} MB")
    cat_seconds = time_cat(archive)
    run_dir = bench_dir / "runs" / archive.name
    output_dir, state_dir = run_dir / "out", run_dir / "state"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    base = [args.nianbao_bin, "run", "--input", str(archive), "--output", str(output_dir), "--state", str(state_dir),
            "--log-format", "json"]
    if args.workers:
        base += ["--workers", str(args.workers)]
    base += args.nianbao_arg

    plan = [("cold", base + ["--full-refresh"], False)]
    if not args.skip_incremental:
        plan += [("incremental", base, False), ("modified-1%", base, True)]
    results, failed = [], False
    for name, command, modify in plan:
        stem = name.replace('%', 'pct')
        # Cold runs are repeated: this machine kind's speed swings by 10-15% from one run to the next.
        attempts = []
        for attempt in range(args.repeat if name == "cold" else 1):
            label = stem if attempt == 0 else f"{stem}-{attempt + 1}"
            if attempt > 0:
                shutil.rmtree(output_dir, ignore_errors=True)
                shutil.rmtree(state_dir, ignore_errors=True)
                warm_page_cache(archive)  # the run let go of the files' pages
            entries = modify_one_percent(archive, files) if modify else None
            before = mtime_ns(output_dir / "run.json")
            try:
                log(f"{archive.name}: {name}" + (f" ({attempt + 1} of {args.repeat})" if name == "cold" else ""))
                status, wall, rss = run_nianbao(command, run_dir / f"{label}.log")
            finally:
                if entries is not None:
                    restore(entries)
                    journal_path(archive).unlink()
            # A run.json left by the previous run must not be credited to this one.
            run_json = read_run_json(output_dir) if status == 0 and mtime_ns(output_dir / "run.json") != before else None
            if run_json is not None:
                shutil.copyfile(output_dir / "run.json", run_dir / f"{label}.run.json")
            attempts.append({"status": status, "wall": wall, "rss": rss, "run_json": run_json, "modified": len(entries) if entries else 0})
            if status != 0:
                break
        # The run of median wall time stands for the repeats (the failing one, if any); peak RSS is the highest.
        ordered = sorted(attempts, key=lambda a: a["wall"])
        chosen = next((a for a in attempts if a["status"] != 0), ordered[len(ordered) // 2])
        status, wall, rss, run_json = chosen["status"], chosen["wall"], chosen["rss"], chosen["run_json"]
        peaks = [a["rss"] for a in attempts if a["rss"] is not None]
        result = {"archive": archive.name, "reports": len(files), "input_bytes": input_bytes, "run": name,
                  "modified_files": chosen["modified"], "exit_status": status,
                  "repeats": len(attempts), "wall_seconds_each": [round(a["wall"], 4) for a in attempts],
                  "peak_rss_mb_each": [round(a["rss"], 1) if a["rss"] is not None else None for a in attempts],
                  "wall_seconds": round(wall, 4), "reports_per_second": round(len(files) / wall, 1) if wall else None,
                  "reports_per_second_range": [round(len(files) / ordered[-1]["wall"], 1), round(len(files) / ordered[0]["wall"], 1)]
                  if ordered[0]["wall"] else None,
                  "mb_per_second": round(input_bytes / 1e6 / wall, 2) if wall else None,
                  "stage_seconds": stage_seconds(run_json), "run_json": run_json,
                  "peak_rss_mb": round(max(peaks), 1) if peaks else None,
                  "cat_seconds": round(cat_seconds, 4),
                  "ratio_to_cat": round(wall / cat_seconds, 2) if cat_seconds > 0 else None}
        results.append(result)
        if status != 0:
            failed = True
            log(f"{archive.name}: {name} FAILED with exit status {status}; log: {run_dir / (stem + '.log')}")
            tail = (run_dir / f"{stem}.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            print(tail, file=sys.stderr)
            break  # later runs depend on this one's state
    return results, failed


def fmt(value, digits=2):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def print_table(results):
    headers = ["archive", "run", "exit", "wall s", "reports/s", "range", "MB/s"] + [f"{s} s" for s in STAGES] + \
              ["RSS MB", "cat s", "x cat"]
    rows = []
    for r in results:
        spread = r.get("reports_per_second_range") if r.get("repeats", 1) > 1 else None
        rows.append([r["archive"], r["run"], str(r["exit_status"]), fmt(r["wall_seconds"]),
                     fmt(r["reports_per_second"], 0), f"{spread[0]:.0f}-{spread[1]:.0f}" if spread else "-",
                     fmt(r["mb_per_second"], 1)] +
                    [fmt(r["stage_seconds"].get(s)) for s in STAGES] +
                    [fmt(r["peak_rss_mb"], 0), fmt(r["cat_seconds"], 3), fmt(r["ratio_to_cat"], 1)])
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.rjust(w) for h, w in zip(headers, widths)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))


def git_revision():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


FAKE_NIANBAO = r'''#!/usr/bin/env python3
# Stand-in for `nianbao run` (used by --self-test): hashes every report, keeps the hashes as state.
import argparse, hashlib, json, os, sys, time
parser = argparse.ArgumentParser()
for flag in ("--input", "--output", "--state", "--workers", "--config", "--log-format"):
    parser.add_argument(flag)
parser.add_argument("command")
parser.add_argument("--full-refresh", action="store_true")
args = parser.parse_args()
if os.environ.get("FAKE_NIANBAO_FAIL"):
    sys.exit(3)
started = time.monotonic()
os.makedirs(args.output, exist_ok=True)
os.makedirs(args.state, exist_ok=True)
state_file = os.path.join(args.state, "hashes.json")
old = {} if args.full_refresh or not os.path.exists(state_file) else json.load(open(state_file))
new, changed = {}, 0
for root, _, names in os.walk(args.input):
    for name in names:
        if name.endswith((".txt", ".html")):
            path = os.path.join(root, name)
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
            changed += old.get(path) != digest
            new[path] = digest
json.dump(new, open(state_file, "w"))
seconds = {"scan": time.monotonic() - started, "total": time.monotonic() - started}
json.dump({"counts": {"changed": changed}, "seconds": seconds}, open(os.path.join(args.output, "run.json"), "w"))
'''


def self_test():
    """Runs the harness on a 1,000-report archive against a stand-in binary: the three runs must
    succeed and see 1000 / 0 / 10 changed files, the cold one three times, the archive must come back
    byte-identical, and a failing binary must make the bench exit 1."""
    import tempfile
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-selftest-") as temp:
        temp = Path(temp)
        fake = temp / "fake-nianbao"
        fake.write_text(FAKE_NIANBAO, encoding="utf-8")
        fake.chmod(0o755)
        common = ["--sizes", "1000", "--bench-dir", str(temp / "bench"), "--nianbao-bin", str(fake)]

        def fingerprint():
            digest = hashlib.sha256()
            for path in report_files(temp / "bench" / "archive-1000"):
                stat = os.stat(path)
                digest.update(f"{path}:{stat.st_mtime_ns}:".encode() + Path(path).read_bytes())
            return digest.hexdigest()

        failures = []
        ensure_archive(temp / "bench", 1000, None)
        before = fingerprint()
        if main(common) != 0:
            failures.append("bench failed against the stand-in binary")
        results = json.loads((temp / "bench" / "bench-results.json").read_text(encoding="utf-8"))["results"]
        changed = [(r.get("run_json") or {}).get("counts", {}).get("changed") for r in results]
        if changed != [1000, 0, 10]:
            failures.append(f"changed files per run {changed}, expected [1000, 0, 10]")
        if [r.get("repeats") for r in results] != [3, 1, 1] or len(results[0].get("wall_seconds_each", [])) != 3:
            failures.append(f"runs per row {[r.get('repeats') for r in results]}, expected [3, 1, 1]")
        if fingerprint() != before:
            failures.append("archive not restored after the modified-1% run")
        os.environ["FAKE_NIANBAO_FAIL"] = "1"
        try:
            if main(common + ["--skip-incremental"]) != 1:
                failures.append("a failing nianbao run did not make the bench exit 1")
        finally:
            del os.environ["FAKE_NIANBAO_FAIL"]
    for failure in failures:
        log("SELF-TEST FAIL: " + failure)
    log("self-test " + ("failed" if failures else "passed"))
    return 1 if failures else 0


def raise_keyboard_interrupt(*_):
    raise KeyboardInterrupt


def main(argv):
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="archive sizes, comma-separated (default 10000,100000)")
    parser.add_argument("--skip-incremental", action="store_true", help="only the cold full run")
    parser.add_argument("--repeat", type=int, default=3,
                        help="cold runs per archive; the one of median wall time is shown, with the range (default 3)")
    parser.add_argument("--bench-dir", default=os.environ.get("NIANBAO_BENCH_DIR", "/tmp/nianbao-bench"),
                        help="cache of archives and run outputs (default $NIANBAO_BENCH_DIR or /tmp/nianbao-bench)")
    parser.add_argument("--nianbao-bin", default=None,
                        help="binary to benchmark (default .build/release/nianbao, built first)")
    parser.add_argument("--skip-build", action="store_true", help="do not run swift build -c release")
    parser.add_argument("--workers", type=int, default=None, help="pass --workers N to nianbao")
    parser.add_argument("--nianbao-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for nianbao run (repeatable), e.g. --nianbao-arg=--log-format=json")
    parser.add_argument("--seed", type=int, default=None, help="make-archive seed (default: its own default)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this harness on a 1,000-report archive with a stand-in binary, then exit")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat takes 1 or more")
    if args.self_test:
        return self_test()
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes integers, e.g. 10000,100000")

    # SIGTERM unwinds like Ctrl-C so that modified files are restored by the finally blocks.
    signal.signal(signal.SIGTERM, raise_keyboard_interrupt)
    if args.nianbao_bin is None:
        args.nianbao_bin = str(REPO / ".build" / "release" / "nianbao")
        if not args.skip_build and not release_build():
            log("release build failed")
            return 1
    args.nianbao_bin = str(Path(args.nianbao_bin).resolve())

    bench_dir = Path(args.bench_dir).resolve()
    bench_dir.mkdir(parents=True, exist_ok=True)
    calibration = {"before": calibrate()}
    log(f"machine calibration: zlib -6 at {calibration['before']} MB/s")
    results, failed = [], False
    for size in sizes:
        size_results, size_failed = bench_archive(args, bench_dir, size)
        results += size_results
        failed = failed or size_failed
    calibration["after"] = calibrate()
    print_table(results)
    print(f"machine calibration (zlib -6 over 8 MB on every core, best of 3): {calibration['before']} MB/s before the runs, "
          f"{calibration['after']} MB/s after; compare benches per unit of it")
    document = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "git_revision": git_revision(),
                "nianbao_bin": args.nianbao_bin, "cpus": os.cpu_count(), "platform": platform.platform(),
                "python": platform.python_version(), "calibration_zlib6_mb_per_s": calibration,
                "results": results}
    (bench_dir / "bench-results.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    log(f"wrote {bench_dir / 'bench-results.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        log("interrupted; modified archive files were restored")
        sys.exit(130)
