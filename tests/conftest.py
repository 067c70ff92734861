import os

import pytest
from django.core.cache import cache
from knox.models import AuthToken
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


def api_token(user) -> str:
    """A new API token for ``user`` (the database keeps only its digest)."""
    _auth_token, token = AuthToken.objects.create(user=user)
    return token


def sign_in_with_token(api_client: APIClient, user) -> APIClient:
    """Send a new API token of ``user``'s with every request, as an app does.

    Not ``force_authenticate``: that hands the same user object to every request, while a
    real request loads the person (and their profile) afresh.
    """
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return api_client


@pytest.fixture
def signed_in_api_client(api_client, user):
    return sign_in_with_token(api_client, user)
