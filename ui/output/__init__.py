"""Export, import and printing, each imported only when the user picks its menu entry."""
