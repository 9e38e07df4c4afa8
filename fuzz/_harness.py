"""The atheris harness behind every ``fuzz/fuzz_*.py`` script (run by hand, never in CI).

Each script names one entrance of :data:`tests.fuzz._engine.ENTRANCES`; this module
instruments govmodel, feeds the entrance what libFuzzer makes of the corpus, and turns a
broken contract (another exception than a ``GovModelError``, an invalid result) into a
crash that libFuzzer saves as ``crash-<sha1>``. Half of the mutations are libFuzzer's own
byte mutations, half the engine's structured mutations (delete keys, swap types, huge
numbers, deep nesting, duplicate keys, truncation, …) of the decoded input.

Extra options, before libFuzzer's own:

``--make-corpus DIR``
    write the entrance's seed inputs into DIR and exit.
``--replay FILE ...``
    run the contract on saved inputs (crash files, regression files) and print the outcome.
``--stop-on-known``
    also stop on the open bugs of :mod:`tests.fuzz._known` (by default they are counted,
    printed once, and the fuzzing goes on looking for new ones).
``--slow-us-per-byte N``
    also treat as a crash an input that takes more than ``N`` microseconds a byte (its
    time over ``max(bytes, 4096)``) and more than 0.05 s: libFuzzer saves it, and it can be
    replayed and doubled to see how its time grows. ``fuzz/campaign.py --slow`` searches
    for such inputs without atheris.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(name: str, argv: list[str] | None = None) -> None:
    """Fuzz the entrance ``name`` with atheris (see the module docstring for the options)."""
    argv = list(sys.argv if argv is None else argv)
    if "--make-corpus" in argv:
        from tests.fuzz._engine import ENTRANCES

        folder = Path(argv[argv.index("--make-corpus") + 1])
        folder.mkdir(parents=True, exist_ok=True)
        entrance = ENTRANCES[name]
        for i, seed in enumerate(entrance.seeds):
            (folder / f"seed-{i:03d}{entrance.suffix}").write_bytes(entrance.encode(seed))
        print(f"{len(entrance.seeds)} seeds written to {folder}")
        return
    if "--replay" in argv:
        from tests.fuzz._engine import ENTRANCES, Failure, check

        entrance = ENTRANCES[name]
        bad = 0
        for f in argv[argv.index("--replay") + 1 :]:
            try:
                outcome = check(entrance, entrance.from_bytes(Path(f).read_bytes()))
            except Failure as exc:
                bad += 1
                outcome = f"FAIL {exc.signature}: {exc}"
            print(f"{f}: {outcome}")
        sys.exit(1 if bad else 0)

    import atheris

    with atheris.instrument_imports(include=["govmodel"]):
        import govmodel
        import govmodel.io.graphfiles
        import govmodel.io.native
        import govmodel.io.popolo

        try:
            import govmodel.io.frames
        except ImportError:
            pass
        import govmodel.cli
        import govmodel.identifiers  # noqa: F401

    from tests.fuzz._engine import ENTRANCES, Failure, check
    from tests.fuzz._known import known_issue

    entrance = ENTRANCES[name]
    entrance.seeds  # build the seeds before fuzzing starts  # noqa: B018
    stop_on_known = "--stop-on-known" in argv
    argv = [a for a in argv if a != "--stop-on-known"]
    slow_limit: float | None = None
    if "--slow-us-per-byte" in argv:
        at = argv.index("--slow-us-per-byte")
        slow_limit = float(argv[at + 1]) * 1e-6
        del argv[at : at + 2]
    known: dict[str, int] = {}

    def test_one_input(data: bytes) -> None:
        # libFuzzer's -timeout guards against hangs; the engine's own alarm would clash
        started = time.perf_counter()
        try:
            check(entrance, entrance.from_bytes(data), timeout=0)
        except Failure as exc:
            issue = known_issue(name, exc)
            if issue is None or stop_on_known:
                raise
            known[issue] = known.get(issue, 0) + 1
            if known[issue] == 1:
                print(f"known open bug {issue!r} reached (fuzzing goes on)", file=sys.stderr)
        if slow_limit is not None:
            elapsed = time.perf_counter() - started
            if elapsed > 0.05 and elapsed / max(len(data), 4096) > slow_limit:
                raise RuntimeError(
                    f"slow input: {elapsed:.3f} s for {len(data):,} bytes "
                    f"({elapsed / max(len(data), 4096) * 1e6:.2f} us a byte)"
                )

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:
            return atheris.Mutate(data, max_size)  # type: ignore[no-any-return]
        try:
            payload = entrance.from_bytes(data)
            out = entrance.encode(entrance.mutate(rng, payload))
        except Exception:
            out = entrance.encode(entrance.mutate(rng))
        return out[:max_size]

    os.environ.setdefault("GOVMODEL_FUZZ", "1")
    atheris.Setup(argv, test_one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()
