"""The main window: tabs and docks, its actions and menus, files and recovery, the workspace;
drafts used elsewhere or changed on disk (draft_guard, draft_safety) and one editor per session
(single_instance)."""
