"""Indicators' names and definitions, and breakdowns' and categories' names, in English and
Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from measures.models import Category, Dimension, Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)
