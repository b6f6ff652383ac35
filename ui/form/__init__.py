"""One open form: its tab, the header panel, funds table, conclusion, summary strip and issues."""
