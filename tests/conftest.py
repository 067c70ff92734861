import os

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import UserFactory

# Playwright drives the browser from the test thread while live_server answers in another.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters, lock-outs and cached results never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def signed_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def signed_in_api_client(api_client, user):
    api_client.force_authenticate(user)
    return api_client
