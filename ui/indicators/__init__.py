"""The indicator tree (一级/二级/三级指标): Qt model, cell look, editors, the view and its edits."""
