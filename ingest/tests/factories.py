import factory

from ingest.models import IntegrationSource
from ingest.services import hash_token

_TOKENS: dict[int, str] = {}


class IntegrationSourceFactory(factory.django.DjangoModelFactory[IntegrationSource]):
    """A source whose plain token is available as `source.token` (only in tests)."""

    class Meta:
        model = IntegrationSource

    name = factory.Sequence(lambda n: f"emr-{n}")
    token = factory.Sequence(lambda n: f"cfs_test-token-{n:06d}-abcdefghijklmnopqrstuvwxyz")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    token_prefix = factory.LazyAttribute(lambda o: o.token[:10])
    allowed_types = factory.LazyFunction(lambda: ["*"])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token")
        obj = super()._create(model_class, *args, **kwargs)
        obj.token = token
        return obj
