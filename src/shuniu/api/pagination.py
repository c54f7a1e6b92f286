"""`?page=1&page_size=50` (max 200) → {"count", "items", "next"} (API.md)."""

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .errors import ApiError

PAGE_SIZE_MESSAGE = "每页条数必须是1至200之间的整数"


class PagePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "页码超出范围"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ApiError(400, "invalid_page_size", PAGE_SIZE_MESSAGE, {"page_size": [PAGE_SIZE_MESSAGE]}) from None
        if not 1 <= size <= self.max_page_size:
            raise ApiError(400, "invalid_page_size", PAGE_SIZE_MESSAGE, {"page_size": [PAGE_SIZE_MESSAGE]})
        return size

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param) or "1"
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if number < 1:
            raise ApiError(400, "invalid_page", "页码必须是正整数", {"page": ["页码必须是正整数"]})
        return number

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ApiError(404, "invalid_page", self.invalid_page_message) from None

    def get_paginated_response(self, data):
        return Response({"count": self.page.paginator.count, "items": data, "next": self.get_next_link()})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "items"],
            "properties": {
                "count": {"type": "integer"},
                "items": schema,
                "next": {"type": "string", "nullable": True, "format": "uri"},
            },
        }
