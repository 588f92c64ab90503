# A Sphinx configuration, read for its string settings only; the rest is never run.
import datetime

project = "Lantern Keeping"
author = "Wren Alder"
copyright = f"{datetime.date.today().year}, {author}"
language = "en"
extensions = ["myst_parser"]
html_theme = "alabaster"
