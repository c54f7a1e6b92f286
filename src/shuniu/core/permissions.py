"""View decorators that ask the rules registry (org/rules.py, matters/rules.py) — the one place."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def require_perm(perm: str):
    """Login required, then `perm` (a rules permission) or 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                from . import audit
                from .models import AuditEvent

                audit.record(AuditEvent.Action.DENIED, request=request, target=request.path, detail=perm)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
