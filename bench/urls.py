"""`shuniu.urls` plus `POST /bench/bare`: the cheapest possible Django JSON view behind the same
middleware stack, the baseline for the public intake benchmark."""

import json

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shuniu import urls as project_urls


@csrf_exempt
@require_POST
def bare(request):
    payload = json.loads(request.body or b"{}")
    return JsonResponse({"code": "BARE", "fields": len(payload)}, status=201)


urlpatterns = [path("bench/bare", bare), *project_urls.urlpatterns]

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
