"""Bearer tokens: knox keeps only a hash of each token, with an expiry renewed on use."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>`; the prefix comes from REST_KNOX['AUTH_HEADER_PREFIX']."""


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "shuniu.api.auth.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/token 取得的令牌"}
