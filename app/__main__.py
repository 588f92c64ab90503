"""`python -m app` is the same as the `chapterwise` command."""

from app.cli import main

raise SystemExit(main())
