"""Who may look after the portal's intake queue (公众留言登记) in 系统管理.

Registering accepted messages is background work; when it fails, the cause is technical (the
database, the task queue, a changed configuration) and the system administrator sees the
submission's status, attempts and error there and may put it back in the queue. The message
itself is business content and is not shown (三员 do not read business content); the hotline
office reads it in the ticket once registered."""

import rules

from shuniu.org.rules import is_system_admin

rules.add_perm("portal.view_submissions", is_system_admin)
rules.add_perm("portal.retry_submissions", is_system_admin)
