from __future__ import annotations

from capdev.cli import main

raise SystemExit(main())
