"""Indicators' names and definitions in English and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from measures.models import Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")
