"""Production start-up: missing variables are named, and the settings pass Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64 + "-production-secret-for-the-deploy-check",
    "DATABASE_URL": "sqlite:////tmp/hague-portal-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "portal.example.org",
    "EMAIL_URL": "smtp://mailer.example.org:587",
    "SITE_URL": "https://portal.example.org",
}


# Set by the browser tests for their own process (Playwright runs an event loop in the test
# thread); a deployment never has it, and the deploy check rightly warns about it.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k not in TEST_ONLY_VARIABLES
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "EMAIL_URL", "SITE_URL"]
)
def test_production_start_up_fails_naming_the_missing_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"DEBUG is off and {missing} is not set" in result.stderr


def test_production_settings_pass_the_deploy_check_at_warning_level():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_defaults_need_no_variables_at_all():
    result = run_manage("check", env={"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_demo_accounts_are_refused_when_debug_is_off():
    result = run_manage("demo_setup", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "only created when DEBUG is on" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop",  # the development default
        "change-me-in-production-0123456789abcdefghijklmnopqrstuvwxyz",  # compose's old default
        "too-short-0123456789",
        "a" * 64,  # long, but one character
        "my-secret-key-my-secret-key-my-secret-key-my-secret-key",  # obvious
    ],
)
def test_production_refuses_a_published_short_or_obvious_secret_key(key):
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY is a published, short or obvious value" in result.stderr


def test_compose_requires_a_secret_key_instead_of_a_default():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "SECRET_KEY: ${SECRET_KEY:?" in compose


def site_url(env: dict) -> str:
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_e_mail_links_follow_the_port_served_when_site_url_is_not_set():
    # `make run PORT=8101`: the links of the e-mails must lead to 8101, not 8000.
    assert site_url({"DEBUG": "true", "PORT": "8101"}) == "http://127.0.0.1:8101"


def test_site_url_wins_over_the_port_when_set():
    env = {"DEBUG": "true", "PORT": "8101", "SITE_URL": "https://portal.example.org/"}
    assert site_url(env) == "https://portal.example.org"


def test_e_mails_written_to_files_go_to_the_absolute_path_of_the_url(tmp_path):
    # filemail:///srv/mail is /srv/mail, not srv/mail under wherever the process started.
    code = "from django.conf import settings; print(settings.EMAIL_FILE_PATH)"
    env = {"DEBUG": "true", "EMAIL_URL": f"filemail://{tmp_path}/mail"}
    result = run_manage("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{tmp_path}/mail"
