#!/usr/bin/env python3
"""Runs the binding's unittest suite and ends with the two count lines tests/run.sh adds up
("[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"). A skipped test counts as failed: nothing
here may be skipped silently. Exit status 0 only when every test passed."""
import sys
import unittest
from pathlib import Path

here = Path(__file__).resolve().parent
suite = unittest.defaultTestLoader.discover(str(here), pattern="test_*.py", top_level_dir=str(here))
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
bad = [t for t, _ in result.failures + result.errors + result.skipped] + list(result.unexpectedSuccesses)
print(f"[  PASSED  ] {result.testsRun - len(bad)} test(s).")
if bad:
    print(f"[  FAILED  ] {len(bad)} test(s), listed below:")
    for t in bad:
        print(f"[  FAILED  ] {t.id()}")
sys.exit(1 if bad or result.testsRun == 0 else 0)
