"""`make bench`: how close Chapterwise runs to its floors, measured side by side in one run."""
