"""The built site makes no request to another host: the theme's own scripts are made to agree.

Material's JavaScript bundle can load two scripts from unpkg.com: mermaid (for diagrams, which
this site does not enable) and a ResizeObserver polyfill (for browsers too old for the theme
anyway). Neither should ever reach a third party from a public site, so their addresses are
replaced by an empty inline script. The source maps only serve developers' tools and name the
same hosts, so they are left out of the site.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["harden_theme_assets"]

_REMOTE_SCRIPT = re.compile(rb'"https://unpkg\.com/[^"]*"')
_EMPTY_SCRIPT = b'"data:text/javascript,"'
_SOURCE_MAP = re.compile(rb"\n?/[/*]# sourceMappingURL=[^\n]*")


def harden_theme_assets(site_dir: Path) -> list[str]:
    """Neutralise remote script addresses in the theme's bundles and drop source maps; the files changed."""
    changed = []
    for folder in ("assets/javascripts", "assets/stylesheets"):
        for path in sorted((site_dir / folder).glob("**/*")):
            if path.suffix == ".map":
                path.unlink()
            elif path.suffix in (".js", ".css"):
                code = path.read_bytes()
                safe = _SOURCE_MAP.sub(b"", _REMOTE_SCRIPT.sub(_EMPTY_SCRIPT, code))
                if safe == code:
                    continue
                path.write_bytes(safe)
            else:
                continue
            changed.append(path.relative_to(site_dir).as_posix())
    return changed
