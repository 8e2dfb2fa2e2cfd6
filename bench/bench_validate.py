"""Validation speed: every example with a warm validator (target: at most 2 ms per document).

Prints, per example, the median of repeated full validations (JSON Schema + legal rules), and
the same with jsonschema's one-shot ``jsonschema.validate`` for comparison.
"""

import json
import statistics
import sys
import time
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from charter import iter_findings  # noqa: E402
from charter.schema import schema, validator  # noqa: E402


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main():
    examples = sorted((ROOT / "examples").glob("*.json"))
    list(iter_findings(json.loads(examples[0].read_text()), "fr"))  # warm the caches
    print("validation (schema + rules), warm, median of 200 runs;")
    print("side by side: jsonschema alone (warm validator, no rules) and jsonschema.validate()")
    worst = 0.0
    for path in examples:
        answers = json.loads(path.read_text(encoding="utf-8"))
        ms = median_ms(lambda a=answers: list(iter_findings(a, "fr")), 200)
        warm = median_ms(lambda a=answers: list(validator().iter_errors(a)), 20)
        once = median_ms(lambda a=answers: jsonschema.validate(a, schema()), 5)
        worst = max(worst, ms)
        size = path.stat().st_size / 1024
        print(f"  {path.name:36s} {size:5.1f} KB {ms:6.2f} ms | {warm:5.1f} ms | {once:6.1f} ms")
    invalid = sorted((ROOT / "examples" / "invalid").glob("*[!d].json"))
    if invalid:
        slow = [json.loads(p.read_text(encoding="utf-8")) for p in invalid]
        ms = median_ms(lambda: [list(iter_findings(a, "fr")) for a in slow], 5) / len(slow)
        print(f"  invalid cases (detailed findings): {ms:.2f} ms per document, {len(slow)} files")
    verdict = "OK" if worst <= 2.0 else "OVER TARGET"
    print(f"  worst {worst:.2f} ms per document; target <= 2 ms: {verdict}")


if __name__ == "__main__":
    main()
