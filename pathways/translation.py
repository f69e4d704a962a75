"""What the public reads of the pathways, in English and Spanish (django-modeltranslation):
each field below gets a column per language (``title_en``, ``title_es``); reading ``title``
gives the reader's language, or the other one where it is missing."""

from modeltranslation.translator import TranslationOptions, register

from pathways.models import CareerCluster, Credential, Occupation, Pathway, Program, Sector, Step


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(CareerCluster)
class CareerClusterTranslation(TranslationOptions):
    fields = ("name",)


@register(Occupation)
class OccupationTranslation(TranslationOptions):
    fields = ("title",)


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("title", "description", "how_to_enrol")


@register(Credential)
class CredentialTranslation(TranslationOptions):
    fields = ("name",)


@register(Pathway)
class PathwayTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("title", "description")
