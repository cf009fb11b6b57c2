"""`create_editor`, run as the README's first command runs it: once, then again."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def create_editor(*args):
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_chosen_account(monkeypatch):
    monkeypatch.delenv("NEWSROOM_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("NEWSROOM_ADMIN_USER", raising=False)


def printed_password(output):
    return output.rsplit("密码：", 1)[1].split()[0]


def test_first_run_creates_the_account_and_prints_how_to_log_in():
    output = create_editor()
    assert "已创建管理员账号" in output
    assert "http://127.0.0.1:8000/admin/" in output
    assert "用户名：admin" in output
    user = authenticate(username="admin", password=printed_password(output))
    assert user is not None and user.is_superuser


def test_running_it_again_keeps_the_password_and_says_how_to_reset_it():
    password = printed_password(create_editor())
    again = create_editor()
    assert "已存在" in again and "密码没有改动" in again
    assert "manage.py changepassword admin" in again and "NEWSROOM_ADMIN_PASSWORD" in again
    assert "http://127.0.0.1:8000/admin/" in again
    assert authenticate(username="admin", password=password) is not None


def test_a_chosen_password_is_set_even_on_an_existing_account(monkeypatch):
    create_editor()
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "a-chosen-passphrase")
    assert "已重设管理员账号" in create_editor()
    assert authenticate(username="admin", password="a-chosen-passphrase") is not None
    assert User.objects.count() == 1


def test_it_prints_the_address_the_server_listens_on():
    assert "http://0.0.0.0:8080/admin/" in create_editor("--addrport", "0.0.0.0:8080")
