"""The common agenda in English and Spanish (django-modeltranslation): its title and vision,
and each goal's title and description."""

from modeltranslation.translator import TranslationOptions, register

from agenda.models import Agenda, Goal


@register(Agenda)
class AgendaTranslation(TranslationOptions):
    fields = ("title", "vision")
    # Only an empty title is missing: the default title is one in each language.
    fallback_undefined = {"title": ""}


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")
