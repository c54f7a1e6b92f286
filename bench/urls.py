"""`shuniu.urls` plus `POST /bench/bare`: the cheapest possible Django JSON view behind the same
middleware stack, the baseline for the public intake benchmark; and `GET /bench/api-floor`: an API
view with the project's REST framework settings (Bearer token, permission check, JSON renderer)
that runs no query of its own and answers an empty page — what every API request costs before
its work, shown beside the list benchmarks."""

import json

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from rest_framework.response import Response
from rest_framework.views import APIView

from shuniu import urls as project_urls


@csrf_exempt
@require_POST
def bare(request):
    payload = json.loads(request.body or b"{}")
    return JsonResponse({"code": "BARE", "fields": len(payload)}, status=201)


class ApiFloor(APIView):
    def get(self, request):
        return Response({"count": 0, "items": [], "next": None})


urlpatterns = [path("bench/bare", bare), path("bench/api-floor", ApiFloor.as_view()), *project_urls.urlpatterns]

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
