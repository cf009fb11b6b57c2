import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "创建或更新一个本地管理员账号，并打印登录方式。密码取自 NEWSROOM_ADMIN_PASSWORD，未设置则随机生成。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("NEWSROOM_ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        password = os.environ.get("NEWSROOM_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        verb = "已创建" if created else "已更新"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}管理员账号。登录 http://127.0.0.1:8000/admin/ —— 用户名：{username}  密码：{password}"
            )
        )
