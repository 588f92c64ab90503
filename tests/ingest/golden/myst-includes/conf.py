# A Sphinx configuration, read for its string settings only; the rest is never run.
project = "Hive Notes"
author = "Tamsin Reed"
extensions = ["myst_parser"]
