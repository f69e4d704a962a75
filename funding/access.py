"""Everyone signed in reads the funding streams; backbone staff record and change them."""

from django.shortcuts import get_object_or_404

from funding.models import FundingStream
from partners.access import require_backbone
from partners.roles import Roles, roles_for


def get_funding_for(person, write: bool = False) -> Roles:
    """Everyone signed in reads the funding streams; backbone staff change them."""
    return require_backbone(person) if write else roles_for(person)


def get_stream_for(person, pk: int) -> FundingStream:
    """Changing a stream is for backbone staff (403 for everyone else)."""
    require_backbone(person)
    return get_object_or_404(FundingStream, pk=pk)
