"""The pictures of questions (issue 17, item 4): one route, `/media/<sha256>`, for every page that shows a
question with an image (take, review, a teacher's set, the live lesson's screens); the same at
`/live/media/<sha256>` for a live lesson's players, whose device token cookie is sent only under /live/.

Only to a user who may see a question that uses the picture (quiz.services.media.visible_image): anyone else
gets the same 404 as for a picture that does not exist. The response is the stored bytes with the type checked
when they came in, never guessed (nosniff), inline, under a policy that lets nothing in it run or load
(an image is never a document: `default-src 'none'`, sandboxed). The address is the picture's digest, so the
bytes behind it never change: cached for a year and marked immutable, privately (it is not public), with
the digest as its ETag.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request
from flask_login import current_user

from ..services import media as media_service

bp = Blueprint("media", __name__)

IMAGE_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
YEAR = 365 * 24 * 3600
PLAYER_COOKIE = "cq_live_"  # quiz/web/live.py _cookie
MAX_GAMES = 8  # the player tokens looked at (a device plays a few games a day)


@bp.get("/media/<sha256>")
@bp.get("/live/media/<sha256>", endpoint="live_image")  # under /live/, where a guest player's token cookie goes
def image(sha256: str):
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        abort(404)
    signed_in = current_user.is_authenticated
    # A guest player of a live lesson is known by the token its device keeps per game (quiz/web/live.py).
    tokens = [value for name, value in request.cookies.items() if name.startswith(PLAYER_COOKIE)][:MAX_GAMES]
    stored = media_service.visible_image(sha256, current_user.id if signed_in else None,
                                         signed_in and current_user.is_teacher, tokens)
    if stored is None or stored.mime not in EXTENSIONS:
        abort(404)
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": IMAGE_POLICY,
        "Content-Disposition": f'inline; filename="{sha256[:16]}.{EXTENSIONS[stored.mime]}"',
        "Cache-Control": f"private, max-age={YEAR}, immutable",
        "ETag": f'"{sha256}"',
    }
    if request.if_none_match.contains(sha256):
        return Response(status=304, headers=headers)
    return Response(stored.data, mimetype=stored.mime, headers=headers)
