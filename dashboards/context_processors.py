from django.utils.functional import SimpleLazyObject


def publication(request):
    """Whether funders may open the dashboards (read only when a template asks)."""

    def published() -> bool:
        from measures.models import Publication

        return Publication.load().for_funders

    return {"dashboards_published": SimpleLazyObject(published)}
