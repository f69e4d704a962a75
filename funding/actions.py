"""Every write of funding alignment: recording, changing and deleting a stream."""

from django.db import transaction

from funding.models import FundingStream


@transaction.atomic
def save_stream(form) -> FundingStream:
    return form.save()


@transaction.atomic
def delete_stream(stream: FundingStream) -> None:
    stream.delete()
