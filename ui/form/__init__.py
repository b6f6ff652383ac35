"""One open form: its tab, the header panel, funds table, conclusion, summary strip, issues and
the bar that says when its draft is read-only or changed on disk."""
