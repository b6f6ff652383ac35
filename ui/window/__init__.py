"""The main window: tabs and docks, its actions and menus, files and recovery, the workspace."""
