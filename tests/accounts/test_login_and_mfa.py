import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from hague_portal.accounts.models import User

from ..conftest import totp_now

LOGIN = reverse("account_login")


def login(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def signed_in(client) -> bool:
    # `/` answers visitors too (the landing page): ask the session, not the status code.
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_applicant_signs_in_with_email_and_password_and_sees_an_empty_workbench(
    client, alice, password
):
    response = login(client, alice.email, password)
    assert response.status_code == 302
    assert response.url == reverse("workbench")
    page = client.get(reverse("workbench"))
    assert page.status_code == 200
    assert b"You have no applications yet" in page.content


@pytest.mark.django_db
def test_visitors_at_the_root_see_what_the_portal_does_and_where_to_sign_in(client):
    page = client.get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "File international design applications under the Hague System" in text
    for url in (LOGIN, reverse("account_signup"), reverse("fee-calculator"), reverse("api-docs")):
        assert f'href="{url}"' in text
    assert "You have no applications yet" not in text


@pytest.mark.django_db
def test_signup_sends_a_verification_email_and_unverified_users_cannot_sign_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.test",
            "password1": "a-long-unusual-pass-9",
            "password2": "a-long-unusual-pass-9",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "new@example.test" in mail.outbox[0].to
    client.logout()
    login(client, "new@example.test", "a-long-unusual-pass-9")
    assert not signed_in(client)
    assert not EmailAddress.objects.get(email="new@example.test").verified


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Sh0rt-pass!", "at least 12 characters"),
        ("qwerty123456", "too common"),
    ],
    ids=["shorter-than-12", "common"],
)
def test_signup_refuses_weak_passwords_with_a_message_at_the_field(client, password, expected):
    response = client.post(
        reverse("account_signup"),
        {"email": "weak@example.test", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert expected in " ".join(response.context["form"].errors["password1"])
    assert not User.objects.filter(email="weak@example.test").exists()


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled_even_for_the_right_password(client, alice, password):
    for _ in range(5):
        response = login(client, alice.email, "wrong-password-123")
        assert response.status_code == 200
    response = login(client, alice.email, password)
    assert response.status_code in (200, 429)
    assert not signed_in(client)
    assert b"Too many failed sign-in attempts" in response.content


@pytest.mark.django_db
def test_representative_without_second_factor_is_sent_to_enrol(client, bobs_firm, password):
    from ..factories import MembershipFactory, UserFactory

    newbie = UserFactory(email="newrep@example.test")
    MembershipFactory(firm=bobs_firm, user=newbie)
    login(client, newbie.email, password)
    response = client.get(reverse("workbench"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


@pytest.mark.django_db
def test_applicant_may_enrol_totp_and_is_then_challenged_at_login(client, alice, password):
    from allauth.mfa.models import Authenticator

    login(client, alice.email, password)
    # Enrolment is a sensitive change: allauth asks for the password again first.
    client.post(reverse("account_reauthenticate"), {"password": password})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alice, type="totp").exists()
    client.logout()
    response = login(client, alice.email, password)
    assert response.url == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_representative_passes_the_totp_challenge_with_a_current_code(client, bob, password):
    response = login(client, bob.email, password)
    assert response.url == reverse("mfa_authenticate")
    assert not signed_in(client)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302
    assert client.get(reverse("workbench")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_totp_code_is_refused(client, bob, password):
    login(client, bob.email, password)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not signed_in(client)


@pytest.mark.django_db
def test_a_recovery_code_replaces_a_lost_authenticator(client, bob, password):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes(
        Authenticator.objects.get(user=bob, type="recovery_codes")
    ).get_unused_codes()
    login(client, bob.email, password)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.get(reverse("workbench")).status_code == 200


@pytest.mark.django_db
def test_the_language_chosen_before_signing_up_is_kept_on_the_new_account(client):
    client.post(reverse("language"), {"language": "fr", "next": "/"})
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nouveau@example.test",
            "password1": "a-long-unusual-pass-9",
            "password2": "a-long-unusual-pass-9",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="nouveau@example.test").language == "fr"
    assert "Confirmez" in mail.outbox[0].subject  # the verification e-mail in French too


@pytest.mark.django_db
def test_without_a_choice_the_new_account_follows_the_browser(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.test",
            "password1": "a-long-unusual-pass-9",
            "password2": "a-long-unusual-pass-9",
        },
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert User.objects.get(email="new@example.test").language == ""
