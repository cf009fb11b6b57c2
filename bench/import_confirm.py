"""How long the admin's “确认导入” request takes: the import inside it, or queued for a worker.

Uploads a zip of `--copies` distinct copies of the seeds (5 files each) as a user of 编辑,
previews it, then times the confirming POST with the ImmediateBackend (the import runs inside the
request, as every confirmation did before background imports) and with django-tasks-db (the
request only enqueues), and the `db_worker --batch` run that then imports the queued upload.

Re-run:  nice .venv/bin/python bench/import_confirm.py [--copies 10]
         DATABASE_URL=postgres://postgres@127.0.0.1:5432/test nice .venv/bin/python bench/import_confirm.py
"""

import argparse
import io
import tempfile
import time
import zipfile
from pathlib import Path

from harness import ROOT, throwaway_database

# isort: split

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from import_speed import write_variants

from articles.models import ImportJob

IMPORT = reverse("admin:articles_importedfile_import")
BACKENDS = {
    "immediate (import inside the request)": "django_tasks.backends.immediate.ImmediateBackend",
    "database (request enqueues only)": "django_tasks_db.DatabaseBackend",
}


def zipped_variants(copies, number):
    with tempfile.TemporaryDirectory() as folder:
        write_variants(ROOT / "seeds", Path(folder), copies)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).rglob("*.txt")):
                text = path.read_text(encoding="utf-8").replace("。", f"。批{number} ")
                archive.writestr(f"run{number}/{path.relative_to(folder)}", text)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    copies = parser.parse_args().copies
    with throwaway_database(), tempfile.TemporaryDirectory() as staging:
        user = User.objects.create_user("bench", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name="编辑"))
        client = Client()
        client.force_login(user)
        for number, (label, backend) in enumerate(BACKENDS.items()):
            tasks = {"default": {"BACKEND": backend, "QUEUES": ["default"]}}
            with override_settings(TASKS=tasks, NEWSROOM_IMPORT_STAGING_DIR=staging):
                data = zipped_variants(copies, number)
                preview = client.post(IMPORT, {"files": [SimpleUploadedFile("batch.zip", data)]})
                started = time.perf_counter()
                response = client.post(IMPORT, {"token": preview.context["token"]})
                request_seconds = time.perf_counter() - started
                assert response.status_code == 302, response.status_code
                job = ImportJob.objects.latest("pk")
                print(f"{label:<40} confirm request {request_seconds:7.3f} s  job {job.status}")
                if job.status == ImportJob.Status.QUEUED:
                    started = time.perf_counter()
                    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay",
                                 "--interval", "0", verbosity=0)  # fmt: skip
                    job.refresh_from_db()
                    print(
                        f"{'  then db_worker --batch':<40} {time.perf_counter() - started:7.3f} s"
                        f"  job {job.status}"
                    )
                print(f"{'':<40} {job.done} files, {job.counts()}")


if __name__ == "__main__":
    main()
