"""`make bench`: a deterministic corpus and the measurements of issue 8 (not tests: numbers)."""
