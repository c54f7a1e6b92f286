"""督查督办 in 系统管理: nothing. Items, bulletins and their counters are business content, which
the 三员 (system, security and audit administrators) must not see (docs/engine.md "Admin");
the supervising section keeps them on its own pages. The office's 催办规则 and 审核流程 for this
kind are the engine's configuration (matters/admin.py)."""
