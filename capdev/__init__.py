"""capdev — docs-as-code for bilingual capacity-development programmes.

Public API is deliberately small; everything else lives in private-by-convention modules.
"""

from __future__ import annotations

__version__ = "0.1.0"
