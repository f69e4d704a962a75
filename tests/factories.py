import factory
from django.utils.text import slugify

from measures.models import Indicator, Level, Unit
from measures.periods import PeriodType
from partners.models import Membership, Organization, Role, SectorType, User

PASSWORD = "correct-horse-battery"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    sector_type = SectorType.COLLEGE
    county = "Durham"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


def person(email: str, organization: Organization, role: str) -> User:
    user = UserFactory(email=email)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ind-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "What is counted."
    unit = Unit.COUNT
    level = Level.OUTPUT
    period_type = PeriodType.YEAR


__all__ = ["PASSWORD", "IndicatorFactory", "OrganizationFactory", "Role", "UserFactory", "person"]
