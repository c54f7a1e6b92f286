"""信访 in 系统管理: nothing. Petitions, petitioners and their clocks are business content (and
personal data), which the 三员 must not see (docs/engine.md "Admin"); the 信访 section keeps them
on its own pages. The office's 催办规则 for this kind are the engine's configuration (matters/admin.py)."""
