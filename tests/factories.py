import factory
from allauth.account.models import EmailAddress

from hague_portal.accounts.models import Client, Firm, FirmMembership, FirmRole, User

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class FirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Firm

    name = factory.Sequence(lambda n: f"Firm {n} IP LLP")
    country = "CH"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirmMembership

    firm = factory.SubFactory(FirmFactory)
    user = factory.SubFactory(UserFactory)
    role = FirmRole.EDITOR


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    firm = factory.SubFactory(FirmFactory)
    name = factory.Sequence(lambda n: f"Client {n} GmbH")
    country = "DE"
