"""Operations for migrations that move models between apps without touching their tables."""

from django.db import migrations


def moved_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    """Give the moved models' content types (and so their permissions and admin history) the
    new app's label; backwards, give them the old one again."""

    def relabel(apps, from_app: str, to_app: str) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not content_type.objects.filter(app_label=to_app, model=model).exists():
                content_type.objects.filter(app_label=from_app, model=model).update(
                    app_label=to_app
                )

    return migrations.RunPython(
        lambda apps, _schema: relabel(apps, old_app, new_app),
        lambda apps, _schema: relabel(apps, new_app, old_app),
    )
