import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand


def runserver_address():
    """Where `manage.py runserver`, run with no address, listens (`127.0.0.1:8000`)."""
    runserver = load_command_class(get_commands()["runserver"], "runserver")
    return f"{runserver.default_addr}:{runserver.default_port}"


class Command(BaseCommand):
    help = (
        "创建本地管理员账号，并打印登录地址、用户名和密码。账号已存在时不改密码，"
        "除非设置了 NEWSROOM_ADMIN_PASSWORD；新账号的密码取自它，未设置则随机生成。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default=os.environ.get("NEWSROOM_ADMIN_USER", "admin"),
            help="用户名（默认取 NEWSROOM_ADMIN_USER，未设置则为 admin）。",
        )
        parser.add_argument(
            "--addrport",
            default=runserver_address(),
            help="runserver 监听的地址和端口，只用于打印登录地址（默认 %(default)s）。",
        )

    def handle(self, *args, username, addrport, **options):
        chosen = os.environ.get("NEWSROOM_ADMIN_PASSWORD")
        login = f"http://{addrport}/admin/"
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        if created or chosen:
            password = chosen or secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            verb = "已创建" if created else "已重设"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb}管理员账号。登录 {login} —— 用户名：{username}  密码：{password}"
                )
            )
            return
        user.save()
        self.stdout.write(
            f"管理员账号 {username} 已存在，密码没有改动。登录 {login}\n"
            f"忘了密码：python manage.py changepassword {username}"
            f"，或设置 NEWSROOM_ADMIN_PASSWORD 后再运行本命令。"
        )
