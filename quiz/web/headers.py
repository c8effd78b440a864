"""Security headers on every response, and cookies that never travel over plain HTTP once HTTPS is in use.

- Content-Security-Policy: scripts, styles, fonts, images and connections from this server only. No page has
  an inline <script>, event handler or style attribute (bar lengths and era widths are classes, see
  quiz/static/css/charts.css and pages.css), so neither 'unsafe-inline' nor a nonce is needed: an injected <script> or
  onerror= does not run even if some escaping were ever missed. Scripts may still set element.style (CSSOM).
- frame-ancestors 'none' (and X-Frame-Options DENY for older browsers): no page is ever framed, the projector
  view included (the teacher opens it directly, full screen, on the projector's machine), so no other site can
  lay a teacher's buttons under its own (clickjacking).
- Referrer-Policy same-origin: a join or invitation link in the address bar never reaches the sites that the
  chronology's sources link to.
- HSTS and Secure cookies when the request came over HTTPS (directly, through a proxy the app is told to
  trust, or when the HTTPS setting says every visitor uses it). Marking Secure happens in one WSGI wrapper, so
  it covers every cookie: Flask's session, flask-login's remember cookie, a live player's and the device
  cookie, and any added later.

Settings (quiz/config.py, README "Configuration"): HTTPS, TRUSTED_PROXIES, HSTS_SECONDS.
A small hook rather than flask-talisman: Talisman's last release is from 2023, it sends HSTS whenever a request
carries X-Forwarded-Proto (a header anyone can send, trusted proxy or not), it sets SESSION_COOKIE_SECURE for the
whole app rather than per request and leaves the other cookies alone, and with no inline script left its nonces
are not needed; what is left is a few fixed headers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",  # live lessons poll their state (live.js)
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

FIXED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}

StartResponse = Callable[..., Any]


def served_over_https() -> bool:
    """The visitor's browser reached us over HTTPS (request.is_secure reflects a trusted proxy's word)."""
    return bool(current_app.config.get("HTTPS")) or request.is_secure


def _add_headers(response: Response) -> Response:
    for name, value in FIXED_HEADERS.items():
        response.headers.setdefault(name, value)
    if served_over_https():
        # No includeSubDomains: a school's other hosts may still be plain HTTP.
        response.headers.setdefault("Strict-Transport-Security", f"max-age={int(current_app.config['HSTS_SECONDS'])}")
    return response


def secure_cookie(header: str) -> str:
    """A Set-Cookie value with the Secure attribute (added once)."""
    attributes = [part.strip().lower() for part in header.split(";")[1:]]
    return header if "secure" in attributes else header + "; Secure"


class SecureCookies:
    """WSGI wrapper: every Set-Cookie of a response to an HTTPS request (or on an HTTPS-only install) is Secure.

    It sits inside ProxyFix, so wsgi.url_scheme is already the scheme the browser used when a proxy is trusted.
    Here, not in an after_request hook, because Flask writes the session cookie after those hooks have run.
    """

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], config: dict) -> None:
        self.wsgi_app = wsgi_app
        self.config = config  # read at each request, so a test can switch HTTPS on

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if not (self.config.get("HTTPS") or environ.get("wsgi.url_scheme") == "https"):
            return self.wsgi_app(environ, start_response)

        def secure_start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            headers = [(name, secure_cookie(value) if name.lower() == "set-cookie" else value)
                       for name, value in headers]
            return start_response(status, headers, *args)

        return self.wsgi_app(environ, secure_start_response)


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
    if app.config.get("HTTPS"):
        app.config["PREFERRED_URL_SCHEME"] = "https"  # links made outside a request (CLI invitations)
    app.wsgi_app = SecureCookies(app.wsgi_app, app.config)  # type: ignore[method-assign]
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Only when told: otherwise any visitor could claim HTTPS or another address with X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,  # type: ignore[method-assign]
                                x_host=proxies, x_port=proxies)
