"""The session cookie: the httpOnly home of the refresh credential, and the checks around it.

The cookie is `HttpOnly` (no page script reads it), `SameSite=Lax` (another site's page cannot make
the browser send it along with a POST), `Path=/` (page requests carry it too, so a server render can
see who is signed in) and `Secure` in production and whenever the request came over https. It has
no `Domain`: it belongs to the host name that set it, which every port of that host shares, so a
remote running standalone on its own port sees the same session as the host.

Beside it goes a hint cookie, `<name>_present=1`, with the same lifetime but readable by scripts: it
holds no secret, only tells the page that a session cookie exists, so a visitor who never signed in
is not sent to the refresh endpoint (and shown a 401) on every page load.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import HTTPException, Request, Response, status
from fastapi.responses import JSONResponse

from shop_api.core.config import Settings
from shop_api.core.security import RefreshCredential, parse_refresh_credential
from shop_api.models import utcnow


def cookie_is_secure(settings: Settings, request: Request) -> bool:
    if settings.SESSION_COOKIE_SECURE is not None:
        return settings.SESSION_COOKIE_SECURE
    return not settings.is_development or request.url.scheme == "https"


def hint_cookie_name(settings: Settings) -> str:
    return f"{settings.SESSION_COOKIE_NAME}_present"


def set_session_cookie(
    response: Response, settings: Settings, request: Request, credential: RefreshCredential, expires_at: datetime
) -> None:
    max_age = max(round((expires_at - utcnow()).total_seconds()), 0)
    secure = cookie_is_secure(settings, request)
    response.set_cookie(
        settings.SESSION_COOKIE_NAME,
        credential.cookie_value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure,
    )
    response.set_cookie(hint_cookie_name(settings), "1", max_age=max_age, path="/", samesite="lax", secure=secure)


def clear_session_cookie(response: Response, settings: Settings, request: Request) -> None:
    secure = cookie_is_secure(settings, request)
    response.delete_cookie(settings.SESSION_COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=secure)
    response.delete_cookie(hint_cookie_name(settings), path="/", samesite="lax", secure=secure)


class SessionRefused(Exception):
    """A 401 that also clears the cookies: a client never keeps a credential the server refused."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


async def session_refused_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SessionRefused)
    answer = JSONResponse({"detail": exc.detail}, status_code=status.HTTP_401_UNAUTHORIZED)
    clear_session_cookie(answer, request.app.state.settings, request)
    return answer


def read_session_cookie(settings: Settings, request: Request) -> RefreshCredential | None:
    """The credential in the cookie; None when there is no cookie, 401 when it is malformed."""
    raw = request.cookies.get(settings.SESSION_COOKIE_NAME)
    if raw is None or raw == "":
        return None
    credential = parse_refresh_credential(raw)
    if credential is None:
        raise SessionRefused("The session cookie is malformed; sign in again.")
    return credential


def check_origin(settings: Settings, request: Request) -> None:
    """Refuse a request another origin's page made the browser send (CSRF), with 403.

    Used on every endpoint the cookie alone authenticates (refresh, logout) and on sign-in, which
    sets the cookie. Browsers mark every request with `Sec-Fetch-Site` and every POST with `Origin`,
    and page scripts can set neither. A request with neither header does not come from a browser
    (curl, a server, a test client): no cookie jar of a visitor is at stake, so it passes.
    """
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site == "same-origin":
        return
    if origin is not None:
        if origin in settings.allowed_origins:
            return
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"Cross-origin request refused: {origin} is not an origin of this shop.",
        )
    if site is not None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"Cross-origin request refused: a {site} request without an Origin header.",
        )
