"""What every page's shell needs: navigation and the unread-message count."""


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from shuniu.core.navigation import navigation_for

    unread = 0
    if user.is_business_user:
        from shuniu.notify.services import unread_count

        unread = unread_count(user)
    return {"nav_items": navigation_for(user, request.path), "unread_count": unread}
