"""Chapterwise: read Markdown books chapter by chapter inside ChatGPT and other MCP Apps hosts."""

__version__ = "0.1.0"
