"""The ownership-rights pilot's rules as checked data (赋予科研人员职务科技成果所有权或长期使用权试点).

Each rule is a value here and one check in ``services.pilot``; changing a figure changes the
check and its message together. Messages are shown in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PilotRules:
    max_total_share: Decimal = Decimal(100)  # shares of one achievement, all grants together
    min_use_years: int = 10  # a long-term use right runs no less than this
    approval_required: bool = True  # a grant is in force only after the institution approves


RULES = PilotRules()
